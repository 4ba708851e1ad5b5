package io.quotecast.it;

import jakarta.json.JsonObject;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may connect and what they may see (README, "Security"), with the server's production
 * defaults: no demo mode, the users, tokens and entitlements of src-it/src/test/resources. AAPL
 * and MSFT are NASDAQ (XNAS) instruments, IBM and JPM NYSE (XNYS) ones; {@link Identity#NASDAQ_BOT}
 * may receive only the former.
 */
public class SecurityIT extends DeployedEar {

    private static final Duration LIVE_WINDOW = Duration.ofSeconds(4);

    @Test
    void withoutCredentialsEveryPathButHealthAnswers401WithAChallenge() {
        for (String path : List.of("/", "/index.html", "/api/quotes", "/api/quotes/AAPL", "/api/instruments",
                "/api/stats", "/api/metrics", "/api/stream?symbols=AAPL", "/api/poll?symbols=AAPL")) {
            HttpResponse<String> response = Api.get(path, Identity.ANONYMOUS);
            assertEquals(401, response.statusCode(), () -> "GET " + path + " without credentials: " + response.body());
            List<String> challenges = response.headers().allValues("WWW-Authenticate");
            assertTrue(challenges.stream().anyMatch(c -> c.startsWith("Basic realm=\"Quotecast\"")),
                    () -> "Basic challenge on " + path + ": " + challenges);
            assertTrue(challenges.stream().anyMatch(c -> c.startsWith("Bearer")), () -> "Bearer challenge on " + path);
        }
        assertEquals(200, Api.get("/api/health", Identity.ANONYMOUS).statusCode(), "health stays open for probes");
    }

    @Test
    void aWebSocketHandshakeWithoutCredentialsIsRefusedBeforeTheUpgrade() {
        RawWebSocket.Handshake handshake = RawWebSocket.handshake(Identity.ANONYMOUS, Map.of(), null, 0);

        assertEquals(401, handshake.status(), () -> "status, body " + handshake.body());
    }

    @Test
    void aWrongPasswordIs401AndCounted() {
        long before = Api.stats().getJsonNumber("badCredentials").longValue();

        assertEquals(401, Api.get("/api/quotes", Identity.WRONG_PASSWORD).statusCode());
        assertEquals(401, RawWebSocket.handshake(Identity.WRONG_PASSWORD, Map.of(), null, 0).status());

        long after = Api.stats().getJsonNumber("badCredentials").longValue();
        assertTrue(after >= before + 2, () -> "badCredentials went from " + before + " to " + after);
    }

    /**
     * Through the trusted 127.0.0.1, as from behind a load balancer, so that the guesser is an
     * address of its own and the other tests' 127.0.0.1 keeps its allowance.
     */
    @Test
    void anAddressThatKeepsSendingWrongPasswordsWaitsWith429AndIsNotCheckedMeanwhile() {
        Map<String, String> guesser = Map.of("X-Forwarded-For", "203.0.113.7");
        long throttledBefore = Api.stats().getJsonNumber("loginThrottled").longValue();
        int allowance = 20; // quotecast.login.failures-per-minute, the default

        for (int i = 0; i < allowance; i++) {
            int attempt = i + 1;
            HttpResponse<String> response = Api.get("/api/quotes", Identity.WRONG_PASSWORD, guesser);
            assertEquals(401, response.statusCode(), () -> "wrong password " + attempt + " of " + allowance + ": " + response.body());
        }
        HttpResponse<String> refused = Api.get("/api/quotes", Identity.WRONG_PASSWORD, guesser);
        assertEquals(429, refused.statusCode(), refused::body);
        long retryAfter = Long.parseLong(Api.header(refused, "Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 3, () -> "one failure back every 3 s: Retry-After " + retryAfter);

        assertEquals(429, Api.get("/api/quotes", Identity.CLIENT, guesser).statusCode(),
                "right credentials from the waiting address are not checked either");
        assertEquals(429, RawWebSocket.handshake(Identity.CLIENT, guesser, null, 0).status(), "nor on the WebSocket");
        assertEquals(200, Api.get("/api/quotes", Identity.CLIENT, Map.of("X-Forwarded-For", "203.0.113.8")).statusCode(),
                "another client of the same balancer is not held back");
        long throttled = Api.stats().getJsonNumber("loginThrottled").longValue() - throttledBefore;
        assertTrue(throttled >= 3, () -> "loginThrottled grew by " + throttled);

        Await.until("the waiting address served again once its Retry-After has passed", Duration.ofSeconds(30),
                () -> Api.get("/api/quotes", Identity.CLIENT, guesser).statusCode() == 200);
    }

    @Test
    void aUserWithoutTheQuotecastUserRoleIsForbidden() {
        assertEquals(403, Api.get("/api/quotes", Identity.NOBODY).statusCode());
        assertEquals(403, RawWebSocket.handshake(Identity.NOBODY, Map.of(), null, 0).status());
    }

    @Test
    void statsAndMetricsAreForOperatorsOnly() {
        assertEquals(403, Api.get("/api/stats", Identity.NASDAQ_BOT).statusCode());
        assertEquals(200, Api.get("/api/stats", Identity.CLIENT).statusCode());
        assertEquals(403, Api.get("/api/metrics", Identity.NASDAQ_BOT).statusCode());
        assertEquals(200, Api.get("/api/metrics", Identity.CLIENT).statusCode());
    }

    @Test
    void aBearerTokenLogsInAndTheSessionKnowsItsPrincipal() {
        try (QuoteSocket bot = QuoteSocket.open(Identity.NASDAQ_BOT);
             QuoteSocket user = QuoteSocket.open(Identity.CLIENT)) {
            assertEquals("it-bot", bot.expect("welcome").getString("user"));
            assertEquals("it-client", user.expect("welcome").getString("user"));
        }
    }

    @Test
    void aForbiddenSymbolGetsForbiddenOverWebSocketAndNeverArrives() {
        StreamIT.awaitPriced("AAPL", "IBM");
        long before = Api.stats().getJsonNumber("forbiddenSymbols").longValue();
        try (QuoteSocket bot = QuoteSocket.open(Identity.NASDAQ_BOT)) {
            bot.expect("welcome");
            bot.send(QuoteSocket.request("subscribe", "AAPL", "IBM"));

            JsonObject error = bot.expect("error");
            assertEquals("FORBIDDEN", error.getString("code"), () -> "" + error);
            assertEquals(List.of("IBM"), JsonText.strings(error.getJsonArray("symbols")));
            JsonObject subscribed = bot.expect("subscribed");
            assertEquals(List.of("AAPL"), JsonText.strings(subscribed.getJsonArray("symbols")));
            JsonObject snapshot = bot.expect("snapshot");
            assertTrue(snapshot.getJsonArray("quotes").getValuesAs(JsonObject.class).stream()
                    .allMatch(q -> q.getString("symbol").equals("AAPL")), () -> "snapshot " + snapshot);

            List<JsonObject> live = bot.readFor(LIVE_WINDOW);
            assertTrue(live.stream().anyMatch(f -> QuoteSocket.isQuoteOf(f, "AAPL")), () -> "AAPL keeps coming: " + live);
            assertFalse(live.stream().anyMatch(f -> QuoteSocket.isQuoteOf(f, "IBM")), () -> "IBM leaked: " + live);
            assertTrue(bot.isOpen(), "a forbidden symbol costs the session nothing");
        }
        long after = Api.stats().getJsonNumber("forbiddenSymbols").longValue();
        assertTrue(after > before, () -> "forbiddenSymbols went from " + before + " to " + after);
    }

    @Test
    void aForbiddenSymbolIsRefusedWith403BySseAndPolling() {
        for (String path : List.of("/api/stream?symbols=AAPL,IBM", "/api/poll?symbols=IBM")) {
            HttpResponse<String> response = Api.get(path, Identity.NASDAQ_BOT);
            assertEquals(403, response.statusCode(), () -> path + ": " + response.body());
            JsonObject error = JsonText.object(response.body());
            assertEquals("FORBIDDEN", error.getString("code"), () -> path + ": " + error);
            assertEquals(List.of("IBM"), JsonText.strings(error.getJsonArray("symbols")));
        }
        try (EventStream stream = EventStream.open("/api/stream?symbols=AAPL", null, Identity.NASDAQ_BOT)) {
            assertEquals(200, stream.status(), "an entitled symbol still streams");
        }
        assertEquals(200, Api.get("/api/poll?symbols=AAPL", Identity.NASDAQ_BOT).statusCode());
    }

    @Test
    void restLeavesOutOrRefusesWhatTheCallerMayNotSee() {
        StreamIT.awaitPriced("AAPL", "IBM");

        HttpResponse<String> ibm = Api.get("/api/quotes/IBM", Identity.NASDAQ_BOT);
        assertEquals(403, ibm.statusCode(), ibm::body);
        assertEquals("FORBIDDEN", JsonText.object(ibm.body()).getString("code"));
        assertEquals(200, Api.get("/api/quotes/AAPL", Identity.NASDAQ_BOT).statusCode());

        List<String> visible = JsonText.array(Api.get("/api/quotes", Identity.NASDAQ_BOT).body())
                .getValuesAs(JsonObject.class).stream().map(q -> q.getString("symbol")).toList();
        assertTrue(visible.contains("AAPL"), () -> "AAPL listed: " + visible);
        assertFalse(visible.contains("IBM") || visible.contains("JPM"), () -> "NYSE listed to a NASDAQ-only caller: " + visible);
        List<String> all = JsonText.array(Api.get("/api/quotes", Identity.CLIENT).body())
                .getValuesAs(JsonObject.class).stream().map(q -> q.getString("symbol")).toList();
        assertTrue(all.contains("IBM"), () -> "a caller entitled to everything sees IBM: " + all);
    }

    @Test
    void aForeignOriginWithValidCredentialsIsStillRefused() {
        RawWebSocket.Handshake handshake = RawWebSocket.handshake(Identity.CLIENT,
                Map.of("Origin", "http://evil.example"), null, 0);

        assertEquals(403, handshake.status(), () -> "cross-site WebSocket hijacking with the user's credentials: " + handshake.body());
    }
}
