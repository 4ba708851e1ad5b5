package io.quotecast.it;

import jakarta.json.JsonObject;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/poll}, the long-polling fallback, as docs/protocol.md describes it. */
public class PollIT extends DeployedEar {

    /** Well under the 25 s hold: an answer this fast was not held for want of news. */
    private static final Duration PROMPT = Duration.ofSeconds(10);

    @BeforeEach
    void pricesArrived() {
        StreamIT.awaitPriced("AAPL", "MSFT", "IBM");
    }

    @Test
    void withoutSinceAnswersAtOnceWithTheLastValueOfEveryRequestedSymbol() {
        long start = System.nanoTime();
        JsonObject poll = poll("/api/poll?symbols=MSFT,AAPL");
        assertTrue(System.nanoTime() - start < PROMPT.toNanos(), "answered at once");

        assertEquals(List.of("type", "cursor", "full", "feed", "quotes"), JsonText.fieldNames(poll));
        assertEquals("poll", poll.getString("type"));
        assertEquals("live", poll.getString("feed"), "the simulated feed never goes quiet");
        assertTrue(StreamIT.CURSOR.matcher(poll.getString("cursor")).matches(), () -> "cursor of " + poll);
        assertTrue(poll.getBoolean("full"));
        List<JsonObject> quotes = poll.getJsonArray("quotes").getValuesAs(JsonObject.class);
        quotes.forEach(QuoteShape::assertQuote);
        assertEquals(List.of("MSFT", "AAPL"), quotes.stream().map(q -> q.getString("symbol")).toList(),
                "every requested symbol (the feed has priced them all), in request order");
        assertEquals("no-store", Api.header(Api.get("/api/poll?symbols=AAPL"), "Cache-Control").orElse(""));
    }

    @Test
    void withSinceAnswersWithOnlyWhatIsNewerAndKeepsGoingFromTheNewCursor() {
        JsonObject first = poll("/api/poll?symbols=AAPL,MSFT,IBM");
        Map<String, Long> seen = seqs(first);
        String cursor = first.getString("cursor");
        for (int round = 0; round < 3; round++) {
            JsonObject next = poll("/api/poll?symbols=AAPL,MSFT,IBM&since=" + cursor);
            assertFalse(next.getBoolean("full"), () -> "a resumable cursor gets changes only: " + next);
            List<JsonObject> quotes = next.getJsonArray("quotes").getValuesAs(JsonObject.class);
            assertFalse(quotes.isEmpty(), () -> "held until something changed (the feed moves every symbol): " + next);
            for (JsonObject quote : quotes) {
                QuoteShape.assertQuote(quote);
                String symbol = quote.getString("symbol");
                assertTrue(quote.getJsonNumber("seq").longValue() > seen.getOrDefault(symbol, 0L),
                        () -> "only quotes newer than since; had " + seen + ", got " + quote);
            }
            seen.putAll(seqs(next));
            assertTrue(!next.getString("cursor").equals(cursor), "the cursor moves on");
            cursor = next.getString("cursor");
        }
    }

    @Test
    void aCursorFromAnotherServerGetsTheFullSnapshotAtOnce() {
        long start = System.nanoTime();
        JsonObject poll = poll("/api/poll?symbols=AAPL&since=zzzzzz-99999999");
        assertTrue(System.nanoTime() - start < PROMPT.toNanos(), "answered at once");
        assertTrue(poll.getBoolean("full"));
        assertEquals(1, poll.getJsonArray("quotes").size());
    }

    @Test
    void badParametersAreRefusedWith400AndAProtocolErrorBody() {
        StreamIT.assertError(Api.get("/api/poll"), "INVALID_MESSAGE");
        StreamIT.assertError(Api.get("/api/poll?symbols="), "INVALID_MESSAGE");
        StreamIT.assertError(Api.get("/api/poll?symbols=AAPL,ms%20ft"), "INVALID_SYMBOL");
        StreamIT.assertError(Api.get("/api/poll?symbols=NOPE"), "UNKNOWN_SYMBOL");
        StreamIT.assertError(Api.get("/api/poll?symbols=AAPL&since=12"), "INVALID_MESSAGE");
        StreamIT.assertError(Api.get("/api/poll?symbols=" + StreamIT.manySymbols(101)), "TOO_MANY_SUBSCRIPTIONS");
    }

    private static JsonObject poll(String path) {
        HttpResponse<String> response = Api.get(path);
        assertEquals(200, response.statusCode(), () -> "GET " + path + ": " + response.body());
        return JsonText.object(response.body());
    }

    private static Map<String, Long> seqs(JsonObject poll) {
        Map<String, Long> seqs = new HashMap<>();
        poll.getJsonArray("quotes").getValuesAs(JsonObject.class)
                .forEach(q -> seqs.put(q.getString("symbol"), q.getJsonNumber("seq").longValue()));
        return seqs;
    }
}
