package io.quotecast.it;

import jakarta.json.JsonObject;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/stream}, the Server-Sent Events fallback, as docs/protocol.md describes it. */
public class StreamIT extends DeployedEar {

    private static final Duration EVENT_BOUND = Duration.ofSeconds(20);
    private static final Duration RELEASE_BOUND = Duration.ofSeconds(60);
    static final Pattern CURSOR = Pattern.compile("[0-9a-z]{1,13}-[0-9]{1,18}");

    @BeforeEach
    void pricesArrived() {
        awaitPriced("AAPL", "MSFT", "IBM");
    }

    @Test
    void streamsWelcomeThenSnapshotThenQuoteEventsWhoseDataIsTheWebSocketFrame() {
        List<String> symbols = List.of("AAPL", "MSFT");
        try (EventStream stream = EventStream.open("/api/stream?symbols=AAPL,MSFT", null)) {
            assertEquals(200, stream.status());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                    () -> "Content-Type " + stream.headers().map());

            EventStream.Event welcome = stream.next(EVENT_BOUND);
            assertEquals("welcome", welcome.name());
            assertEquals("welcome", welcome.json().getString("type"));
            assertEquals(1, welcome.json().getInt("protocol"));
            assertTrue(welcome.json().getInt("heartbeatSeconds") > 0);

            EventStream.Event snapshot = stream.next(EVENT_BOUND);
            assertEquals("snapshot", snapshot.name());
            Map<String, Long> seen = new HashMap<>();
            for (JsonObject quote : snapshot.json().getJsonArray("quotes").getValuesAs(JsonObject.class)) {
                QuoteShape.assertQuote(quote);
                assertTrue(symbols.contains(quote.getString("symbol")), () -> "only requested symbols: " + quote);
                seen.put(quote.getString("symbol"), quote.getJsonNumber("seq").longValue());
            }

            Set<String> quoted = new java.util.HashSet<>();
            stream.readUntil("a quote event for each of " + symbols, EVENT_BOUND, event -> {
                assertNotNull(event.id(), () -> "every event has an id: " + event);
                assertTrue(CURSOR.matcher(event.id()).matches(), () -> "id is a cursor: " + event.id());
                if (!"quote".equals(event.name())) {
                    return false;
                }
                JsonObject frame = event.json();
                QuoteShape.assertQuoteFrame(frame);
                String symbol = frame.getString("symbol");
                long seq = frame.getJsonNumber("seq").longValue();
                assertTrue(symbols.contains(symbol), () -> "only requested symbols: " + frame);
                assertTrue(seq > seen.getOrDefault(symbol, 0L), () -> "seq increases past the snapshot and earlier quotes: " + frame
                        + " after seq " + seen.get(symbol));
                seen.put(symbol, seq);
                quoted.add(symbol);
                return quoted.containsAll(symbols);
            });
        }
    }

    @Test
    void resumingFromTheLastEventIdNeverGoesBackInSeq() {
        Map<String, Long> seen = new HashMap<>();
        String lastId;
        try (EventStream stream = EventStream.open("/api/stream?symbols=AAPL,MSFT,IBM", null)) {
            List<EventStream.Event> read = stream.readUntil("three quote events", EVENT_BOUND, new java.util.function.Predicate<>() {
                int quotes;

                @Override
                public boolean test(EventStream.Event event) {
                    return "quote".equals(event.name()) && ++quotes == 3;
                }
            });
            read.forEach(event -> remember(event, seen));
            lastId = read.get(read.size() - 1).id();
        }

        try (EventStream resumed = EventStream.open("/api/stream?symbols=AAPL,MSFT,IBM", lastId)) {
            assertEquals("welcome", resumed.next(EVENT_BOUND).name());
            EventStream.Event snapshot = resumed.next(EVENT_BOUND);
            assertEquals("snapshot", snapshot.name());
            for (JsonObject quote : snapshot.json().getJsonArray("quotes").getValuesAs(JsonObject.class)) {
                long seq = quote.getJsonNumber("seq").longValue();
                String symbol = quote.getString("symbol");
                assertTrue(seq >= seen.getOrDefault(symbol, 0L),
                        () -> "a resumed snapshot holds nothing older than what was seen (" + seen + "): " + quote);
            }
            EventStream.Event quote = resumed.readUntil("a quote after resuming", EVENT_BOUND, e -> "quote".equals(e.name()))
                    .stream().filter(e -> "quote".equals(e.name())).findFirst().orElseThrow();
            QuoteShape.assertQuoteFrame(quote.json());
        }
    }

    @Test
    void anUnknownLastEventIdGetsTheFullSnapshot() {
        try (EventStream stream = EventStream.open("/api/stream?symbols=AAPL,MSFT", "zzzzzz-1")) {
            stream.next(EVENT_BOUND);
            List<JsonObject> quotes = stream.next(EVENT_BOUND).json().getJsonArray("quotes").getValuesAs(JsonObject.class);
            assertEquals(List.of("AAPL", "MSFT"), quotes.stream().map(q -> q.getString("symbol")).toList(),
                    "every requested symbol with a price, in request order");
        }
    }

    @Test
    void sendsAHeartbeatEventWithACommentEveryHeartbeatInterval() {
        try (EventStream stream = EventStream.open("/api/stream?symbols=AAPL", null)) {
            int interval = stream.next(EVENT_BOUND).json().getInt("heartbeatSeconds");
            EventStream.Event heartbeat = stream.readUntil("a heartbeat", Duration.ofSeconds(interval + 15L),
                    e -> "heartbeat".equals(e.name())).stream().filter(e -> "heartbeat".equals(e.name())).findFirst().orElseThrow();
            assertEquals(List.of("heartbeat"), heartbeat.comments());
            assertEquals("heartbeat", heartbeat.json().getString("type"));
            assertTrue(QuoteShape.UTC_MILLIS.matcher(heartbeat.json().getString("serverTime")).matches());
        }
    }

    @Test
    void aStreamIsASubscriptionUntilTheClientGoesAwayAndItsLeavingLogsNoError() {
        // Every earlier test has closed its clients; the server may take a write to notice.
        Await.until("no subscriptions left from earlier tests", RELEASE_BOUND, () -> subscriptions() == 0);
        ServerLog log = ServerLog.ofServerUnderTest();
        long before = log.end();
        try (EventStream stream = EventStream.open("/api/stream?symbols=AAPL,MSFT,IBM", null)) {
            stream.next(EVENT_BOUND);
            assertEquals(3, subscriptions(), "one subscription per symbol of the stream");
        }
        // The server notices at its next write: a quote within a second, a heartbeat at worst.
        Await.until("subscriptions back to 0 once the stream is closed", RELEASE_BOUND, () -> subscriptions() == 0);

        // Browsers leave all the time, mid-write or not: a client gone is no error of the server's.
        int leaving = 10;
        for (int i = 0; i < leaving; i++) {
            try (EventStream stream = EventStream.open("/api/stream?symbols=AAPL,MSFT,IBM", null)) {
                stream.next(EVENT_BOUND);
            }
        }
        Await.until("subscriptions back to 0 once " + leaving + " more streams are closed", RELEASE_BOUND,
                () -> subscriptions() == 0);
        assertEquals(List.of(), log.warningsSince(before), () -> "warnings and errors in " + QuotecastServer.name()
                + "'s log from " + (leaving + 1) + " SSE clients leaving");
    }

    @Test
    void badParametersAreRefusedWith400AndAProtocolErrorBody() {
        assertError(Api.get("/api/stream"), "INVALID_MESSAGE");
        assertError(Api.get("/api/stream?symbols=aapl"), "INVALID_SYMBOL");
        assertError(Api.get("/api/stream?symbols=AAPL,NOPE"), "UNKNOWN_SYMBOL");
        assertError(Api.get("/api/stream?symbols=AAPL&since=yesterday"), "INVALID_MESSAGE");
        assertError(Api.get("/api/stream?symbols=" + manySymbols(101)), "TOO_MANY_SUBSCRIPTIONS");
    }

    static void assertError(HttpResponse<String> response, String code) {
        assertEquals(400, response.statusCode(), () -> "status of " + response.uri() + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                () -> "JSON error body from " + response.uri() + ": " + response.headers().map());
        JsonObject error = JsonText.object(response.body());
        assertEquals("error", error.getString("type"));
        assertEquals(code, error.getString("code"), () -> "code of " + error);
        assertFalse(error.getString("message").isBlank());
    }

    /** Health says the feed priced some symbol; these tests assert on these ones. */
    static void awaitPriced(String... symbols) {
        for (String symbol : symbols) {
            Await.until("a price for " + symbol, EVENT_BOUND, () -> Api.get("/api/quotes/" + symbol).statusCode() == 200);
        }
    }

    /** {@code count} distinct, syntactically valid symbols: S1,S2,… */
    static String manySymbols(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> "S" + i)
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static void remember(EventStream.Event event, Map<String, Long> seen) {
        if ("quote".equals(event.name())) {
            JsonObject frame = event.json();
            seen.merge(frame.getString("symbol"), frame.getJsonNumber("seq").longValue(), Math::max);
        } else if ("snapshot".equals(event.name())) {
            event.json().getJsonArray("quotes").getValuesAs(JsonObject.class).forEach(q ->
                    seen.merge(q.getString("symbol"), q.getJsonNumber("seq").longValue(), Math::max));
        }
    }

    private static long subscriptions() {
        return Api.stats().getJsonNumber("subscriptions").longValue();
    }
}
