package io.quotecast.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read-only HTTP side (docs/protocol.md, "REST") and the page, as a browser or curl sees them. */
public class RestIT extends DeployedEar {

    private static final List<String> STATS_FIELDS = List.of("openSessions", "sessionsOpened", "sessionsClosed",
            "subscriptions", "updatesReceived", "messagesPushed", "directFrames", "directFramesPartial", "quotesConflated", "sendFailures",
            "overflowCloses", "errorsSent", "drainingRefused", "unauthenticated", "badCredentials", "loginThrottled", "forbiddenSymbols", "feedReceived", "feedAccepted", "feedRejected", "sessionsClosedBy", "feedRejectedByReason");

    @Test
    void healthSaysUpAndReadyOnceTheFeedHasPriced() {
        HttpResponse<String> response = Api.get("/api/health");

        assertEquals(200, response.statusCode());
        assertJson(response);
        JsonObject health = JsonText.object(response.body());
        assertEquals("UP", health.getString("status"), () -> "" + health);
        assertTrue(health.getBoolean("ready"), () -> "" + health);
        assertEquals("live", health.getString("feed"), () -> "" + health);
    }

    @Test
    void allQuotesListsTheLastQuoteOfPricedSymbols() {
        HttpResponse<String> response = Api.get("/api/quotes");

        assertEquals(200, response.statusCode());
        assertJson(response);
        JsonArray quotes = JsonText.array(response.body());
        assertFalse(quotes.isEmpty(), "at least one priced symbol once ready");
        quotes.getValuesAs(JsonObject.class).forEach(QuoteShape::assertQuote);
    }

    @Test
    void oneQuoteHasTheDocumentedShape() {
        Await.until("AAPL to have a price", Api.READINESS_BOUND, () -> Api.get("/api/quotes/AAPL").statusCode() == 200);

        HttpResponse<String> response = Api.get("/api/quotes/AAPL");

        assertEquals(200, response.statusCode());
        assertJson(response);
        JsonObject quote = JsonText.object(response.body());
        QuoteShape.assertQuote(quote);
        assertEquals("AAPL", quote.getString("symbol"));
    }

    @Test
    void symbolNotInTheCatalogIsNotFoundWithUnknownSymbol() {
        HttpResponse<String> response = Api.get("/api/quotes/NOPE");

        assertEquals(404, response.statusCode());
        assertError(response, "UNKNOWN_SYMBOL");
    }

    @Test
    void malformedSymbolIsABadRequestWithInvalidSymbol() {
        HttpResponse<String> response = Api.get("/api/quotes/" + URLEncoder.encode("bad!", StandardCharsets.UTF_8));

        assertEquals(400, response.statusCode());
        assertError(response, "INVALID_SYMBOL");
    }

    @Test
    void statsHasEveryDocumentedCounter() {
        JsonObject stats = Api.stats();

        // Documented counters must be there; newer ones may join them.
        assertTrue(stats.keySet().containsAll(STATS_FIELDS), () -> "every field of " + STATS_FIELDS + " in " + stats);
        for (String field : STATS_FIELDS.subList(0, STATS_FIELDS.size() - 2)) {
            JsonNumber count = QuoteShape.number(stats, field);
            assertTrue(count.isIntegral() && count.longValue() >= 0, () -> field + " a count in " + stats);
        }
        assertInstanceOf(JsonObject.class, stats.get("feedRejectedByReason"), () -> "" + stats);
        assertInstanceOf(JsonObject.class, stats.get("sessionsClosedBy"), () -> "" + stats);
        assertTrue(stats.getJsonNumber("feedAccepted").longValue() > 0, () -> "the feed has delivered: " + stats);
    }

    @Test
    void instrumentsListTheWholeCatalog() {
        HttpResponse<String> response = Api.get("/api/instruments");

        assertEquals(200, response.statusCode());
        assertJson(response);
        List<JsonObject> instruments = JsonText.array(response.body()).getValuesAs(JsonObject.class);
        assertEquals(75, instruments.size());
        for (JsonObject instrument : instruments) {
            assertEquals(List.of("symbol", "exchange", "name", "previousClose"), JsonText.fieldNames(instrument),
                    () -> "fields in the documented order: " + instrument);
            assertTrue(QuoteShape.number(instrument, "previousClose").bigDecimalValue().signum() > 0, () -> "" + instrument);
        }
    }

    @Test
    void rootServesTheHtmlPage() {
        HttpResponse<String> response = Api.get("/");

        assertEquals(200, response.statusCode());
        String type = Api.header(response, "Content-Type").orElse("");
        assertTrue(type.startsWith("text/html"), () -> "Content-Type " + type);
        assertTrue(response.body().toLowerCase().contains("<html"), "an HTML document");
    }

    private static void assertJson(HttpResponse<String> response) {
        String type = Api.header(response, "Content-Type").orElse("");
        assertTrue(type.startsWith("application/json"), () -> "Content-Type " + type);
    }

    private static void assertError(HttpResponse<String> response, String code) {
        assertJson(response);
        JsonObject error = JsonText.object(response.body());
        assertEquals("error", error.getString("type", null), () -> "" + error);
        assertEquals(code, error.getString("code", null), () -> "" + error);
        assertInstanceOf(JsonValue.class, error.get("message"), () -> "a message: " + error);
        assertFalse(QuoteShape.string(error, "message").isBlank(), () -> "" + error);
    }
}
