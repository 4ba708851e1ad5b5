package io.quotecast.it;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static io.quotecast.it.QuoteSocket.isQuoteOf;
import static io.quotecast.it.QuoteSocket.isType;
import static io.quotecast.it.QuoteSocket.request;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Protocol v1 (docs/protocol.md) as a client sees it, over a real socket to the deployed EAR. */
public class ProtocolIT extends DeployedEar {

    private static final int CATALOG_SIZE = 75;
    private static final Duration LIVE_BOUND = Duration.ofSeconds(12);

    @Test
    void welcomeAnnouncesProtocolOneAndTheWholeCatalog() {
        Set<String> catalog = new HashSet<>();
        JsonText.array(Api.get("/api/instruments").body())
                .forEach(instrument -> catalog.add(instrument.asJsonObject().getString("symbol")));

        try (QuoteSocket socket = QuoteSocket.open()) {
            JsonObject welcome = socket.expect("welcome");

            assertEquals(1, welcome.getInt("protocol"));
            assertFalse(QuoteShape.string(welcome, "sessionId").isBlank(), "a session id");
            assertTrue(welcome.getInt("heartbeatSeconds") > 0, "a heartbeat interval");
            List<String> symbols = JsonText.strings(welcome.getJsonArray("symbols"));
            assertEquals(CATALOG_SIZE, symbols.size(), () -> "catalog size, symbols: " + symbols);
            assertEquals(CATALOG_SIZE, new HashSet<>(symbols).size(), "each symbol once");
            assertEquals(catalog, new HashSet<>(symbols), "the same catalog as GET /api/instruments");
        }
    }

    /**
     * On WildFly every session writes through Undertow's own API (UndertowTransport), which a
     * deployment that cannot see Undertow's classes would silently not do; elsewhere none does.
     */
    @Test
    void sessionsWriteThroughTheContainersOwnApiOnWildFlyOnly() {
        long before = Api.stats().getJsonNumber("containerApiSessions").longValue();
        try (QuoteSocket socket = QuoteSocket.open()) {
            socket.expect("welcome");
            long after = Api.stats().getJsonNumber("containerApiSessions").longValue();
            if ("wildfly".equals(QuotecastServer.name())) {
                assertTrue(after > before, "a session opened on WildFly counted in containerApiSessions: " + before + " -> " + after);
            } else {
                assertEquals(0, after, "no session writes through a container API on " + QuotecastServer.name());
            }
        }
    }

    /**
     * On WildFly, live quotes go to the socket as whole frames built once per update
     * (DirectFrameConduit), past Undertow's own framing: the client reads well-formed quotes,
     * and directFrames counts them. Elsewhere no frame is written that way.
     */
    @Test
    void liveQuotesArriveWholeWhenWrittenStraightToTheSocketOnWildFlyOnly() {
        awaitPriced("AAPL", "MSFT");
        long before = Api.stats().getJsonNumber("directFrames").longValue();
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.subscribe("AAPL", "MSFT");

            List<JsonObject> quotes = socket.quotes(10, LIVE_BOUND);

            quotes.forEach(QuoteShape::assertQuoteFrame);
            long after = Api.stats().getJsonNumber("directFrames").longValue();
            if ("wildfly".equals(QuotecastServer.name())) {
                assertTrue(after > before, "live quotes on WildFly counted in directFrames: " + before + " -> " + after);
            } else {
                assertEquals(0, after, "no frame written past the container on " + QuotecastServer.name());
            }
        }
    }

    @Test
    void subscribeIsConfirmedThenAnsweredWithTheLastValueOfEachSymbol() {
        awaitPriced("AAPL", "MSFT");
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.send(request("subscribe", "AAPL", "MSFT"));

            JsonObject subscribed = socket.expect("subscribed");
            JsonObject snapshot = socket.expect("snapshot");

            assertEquals(List.of("AAPL", "MSFT"), JsonText.strings(subscribed.getJsonArray("symbols")));
            List<JsonObject> quotes = snapshot.getJsonArray("quotes").getValuesAs(JsonObject.class);
            assertEquals(List.of("AAPL", "MSFT"), quotes.stream().map(q -> q.getString("symbol")).toList());
            quotes.forEach(QuoteShape::assertQuote);
        }
    }

    @Test
    void liveQuotesFollowTheSnapshotWithStrictlyIncreasingSeqPerSymbol() {
        awaitPriced("AAPL", "MSFT", "NVDA");
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            JsonObject snapshot = socket.subscribe("AAPL", "MSFT", "NVDA");
            Map<String, Long> lastSeq = new HashMap<>();
            snapshot.getJsonArray("quotes").getValuesAs(JsonObject.class)
                    .forEach(q -> lastSeq.put(q.getString("symbol"), q.getJsonNumber("seq").longValue()));

            List<JsonObject> quotes = socket.quotes(5, LIVE_BOUND);

            for (JsonObject quote : quotes) {
                QuoteShape.assertQuoteFrame(quote);
                String symbol = quote.getString("symbol");
                assertTrue(lastSeq.containsKey(symbol), () -> "a quote of a subscribed symbol: " + quote);
                long seq = quote.getJsonNumber("seq").longValue();
                assertTrue(seq > lastSeq.get(symbol),
                        () -> "seq " + seq + " of " + symbol + " after " + lastSeq.get(symbol) + " in " + quotes);
                lastSeq.put(symbol, seq);
            }
        }
    }

    @Test
    void noQuoteOfASymbolArrivesAfterItsUnsubscribed() {
        awaitPriced("AAPL", "MSFT");
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.subscribe("AAPL", "MSFT");
            socket.await("a live MSFT quote", LIVE_BOUND, f -> isQuoteOf(f, "MSFT"));

            socket.send(request("unsubscribe", "MSFT"));
            JsonObject unsubscribed = socket.await("unsubscribed", QuoteSocket.REPLY_BOUND, f -> isType(f, "unsubscribed"));
            long serverSeqAtUnsubscribe = lastSeqOnServer("MSFT");

            List<JsonObject> after = new ArrayList<>(socket.roundTrip());
            // Frames queue up meanwhile: nothing is missed while the server prices MSFT again.
            Await.until("the server to price MSFT again", LIVE_BOUND,
                    () -> lastSeqOnServer("MSFT") > serverSeqAtUnsubscribe);
            after.addAll(socket.readFor(Duration.ofSeconds(2)));
            if (after.stream().noneMatch(f -> isQuoteOf(f, "AAPL"))) {
                after.addAll(socket.readUntil("a live AAPL quote", LIVE_BOUND, f -> isQuoteOf(f, "AAPL")));
            }
            after.addAll(socket.roundTrip());

            assertEquals(List.of("MSFT"), JsonText.strings(unsubscribed.getJsonArray("symbols")));
            assertTrue(after.stream().noneMatch(f -> isQuoteOf(f, "MSFT")),
                    () -> "no MSFT quote after unsubscribed, but got " + after.stream().filter(f -> isQuoteOf(f, "MSFT")).toList());
            assertTrue(after.stream().anyMatch(f -> isQuoteOf(f, "AAPL")), "AAPL still live");
        }
    }

    @Test
    void pacedSessionsGetTheNewestQuotesAtMostMaxRatePerSymbolAndBatchedOnesTogether() {
        String[] symbols = {"AAPL", "MSFT", "NVDA", "AMZN"};
        awaitPriced(symbols);
        try (QuoteSocket paced = QuoteSocket.openPastWelcome(); QuoteSocket batched = QuoteSocket.openPastWelcome()) {
            Map<String, Long> pacedSeq = subscribePaced(paced, false, symbols);
            Map<String, Long> batchedSeq = subscribePaced(batched, true, symbols);
            Duration window = Duration.ofSeconds(6);

            List<JsonObject> pacedFrames = paced.readFor(window);
            List<JsonObject> batchedFrames = batched.readFor(Duration.ofSeconds(1));

            // One quote per symbol per second at most: at most window + 1 of each, and one more
            // for the moments between subscribing and reading. Unpaced, the feed's 2.7 updates
            // per symbol and second would give about 16; each still gets several.
            for (String symbol : symbols) {
                long count = pacedFrames.stream().filter(f -> isQuoteOf(f, symbol)).count();
                assertTrue(count >= 2 && count <= window.toSeconds() + 2,
                        () -> count + " quotes of " + symbol + " in " + window.toSeconds() + " s at maxRate 1: " + pacedFrames);
            }
            assertTrue(pacedFrames.stream().allMatch(f -> isType(f, "quote")), () -> "one quote per message: " + pacedFrames);
            assertIncreasing(pacedSeq, pacedFrames);

            List<JsonObject> batchedQuotes = new ArrayList<>();
            boolean together = false;
            for (JsonObject frame : batchedFrames) {
                if (isType(frame, "quotes")) {
                    List<JsonObject> inside = frame.getJsonArray("quotes").getValuesAs(JsonObject.class);
                    together |= inside.size() >= 2;
                    batchedQuotes.addAll(inside);
                } else {
                    assertTrue(isType(frame, "quote"), () -> "only quote and quotes messages: " + frame);
                    batchedQuotes.add(frame);
                }
            }
            long windowSeconds = window.toSeconds() + 1;
            for (String symbol : symbols) {
                long count = batchedQuotes.stream().filter(q -> symbol.equals(q.getString("symbol", null))).count();
                assertTrue(count >= 2 && count <= windowSeconds + 2,
                        () -> count + " quotes of " + symbol + " in " + windowSeconds + " s at maxRate 1, batched: " + batchedFrames);
            }
            assertTrue(together, () -> "quotes sampled at the same point leave in one quotes message: " + batchedFrames);
            assertIncreasing(batchedSeq, batchedQuotes);
        }
    }

    /** Subscribes at maxRate 1 (with or without batch) and returns the snapshot's seq per symbol. */
    private static Map<String, Long> subscribePaced(QuoteSocket socket, boolean batch, String... symbols) {
        socket.send(Json.createObjectBuilder(request("subscribe", symbols)).add("maxRate", 1).add("batch", batch).build());
        socket.await("subscribed", QuoteSocket.REPLY_BOUND, f -> isType(f, "subscribed"));
        JsonObject snapshot = socket.await("snapshot", QuoteSocket.REPLY_BOUND, f -> isType(f, "snapshot"));
        Map<String, Long> seq = new HashMap<>();
        snapshot.getJsonArray("quotes").getValuesAs(JsonObject.class)
                .forEach(q -> seq.put(q.getString("symbol"), q.getJsonNumber("seq").longValue()));
        return seq;
    }

    private static void assertIncreasing(Map<String, Long> lastSeq, List<JsonObject> quotes) {
        for (JsonObject quote : quotes) {
            QuoteShape.assertQuoteFrame(quote);
            String symbol = quote.getString("symbol");
            long seq = quote.getJsonNumber("seq").longValue();
            Long last = lastSeq.get(symbol);
            assertTrue(last != null && seq > last, () -> "seq " + seq + " of " + symbol + " after " + last + " in " + quotes);
            lastSeq.put(symbol, seq);
        }
    }

    @Test
    void pingIsAnsweredWithPongEchoingItsId() {
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.send("{\"type\":\"ping\",\"id\":42}");
            JsonObject numberPong = socket.expect("pong");
            socket.send("{\"type\":\"ping\",\"id\":\"abc-1\"}");
            JsonObject stringPong = socket.expect("pong");
            socket.send("{\"type\":\"ping\"}");
            JsonObject plainPong = socket.expect("pong");

            assertEquals(List.of("type", "id", "serverTime"), JsonText.fieldNames(numberPong));
            JsonNumber id = QuoteShape.number(numberPong, "id");
            assertTrue(id.isIntegral() && id.intValue() == 42, () -> "id 42 echoed as a number: " + numberPong);
            assertEquals("abc-1", QuoteShape.string(stringPong, "id"), () -> "id echoed as a string: " + stringPong);
            assertFalse(plainPong.containsKey("id"), () -> "no id when the ping had none: " + plainPong);
            assertTrue(QuoteShape.UTC_MILLIS.matcher(QuoteShape.string(numberPong, "serverTime")).matches(),
                    () -> "serverTime in UTC with three fractional digits: " + numberPong);
        }
    }

    @Test
    void everyKindOfBadMessageGetsItsErrorFrameAndTheSessionStaysUsable() {
        // One session per kind: each proves its own session survives, and no per-session rate
        // limit can turn a late bad message into a different error.
        assertAll(
                answeredWithError("not JSON", "hello", "INVALID_MESSAGE"),
                answeredWithError("not an object", "[1,2]", "INVALID_MESSAGE"),
                answeredWithError("type missing", "{\"symbols\":[]}", "INVALID_MESSAGE"),
                answeredWithError("type not a string", "{\"type\":7}", "INVALID_MESSAGE"),
                answeredWithError("symbols not an array", "{\"type\":\"subscribe\",\"symbols\":\"AAPL\"}", "INVALID_MESSAGE"),
                answeredWithError("symbols missing", "{\"type\":\"unsubscribe\"}", "INVALID_MESSAGE"),
                answeredWithError("symbols empty", "{\"type\":\"subscribe\",\"symbols\":[]}", "INVALID_MESSAGE"),
                answeredWithError("ping id an object", "{\"type\":\"ping\",\"id\":{}}", "INVALID_MESSAGE"),
                answeredWithError("unknown type", "{\"type\":\"buy\"}", "UNKNOWN_TYPE"),
                answeredWithError("lower-case symbol", "{\"type\":\"subscribe\",\"symbols\":[\"aapl\"]}", "INVALID_SYMBOL"));
    }

    @Test
    void binaryFrameGetsInvalidMessageAndTheSessionStaysUsable() {
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.sendBinary("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));

            List<JsonObject> beforePong = socket.roundTrip();

            assertEquals(1, beforePong.size(), () -> "exactly one error before the pong: " + beforePong);
            assertError(beforePong.get(0), "INVALID_MESSAGE");
            assertTrue(socket.isOpen());
        }
    }

    @Test
    void unknownSymbolIsRefusedWhileTheValidSymbolOfTheSameRequestIsSubscribed() {
        awaitPriced("AAPL");
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.send(request("subscribe", "AAPL", "NOPE"));

            JsonObject error = socket.expect("error");
            JsonObject subscribed = socket.expect("subscribed");
            JsonObject snapshot = socket.expect("snapshot");
            JsonObject live = socket.await("a live AAPL quote", LIVE_BOUND, f -> isQuoteOf(f, "AAPL"));
            List<JsonObject> beforePong = socket.roundTrip();

            assertError(error, "UNKNOWN_SYMBOL");
            assertEquals(List.of("NOPE"), JsonText.strings(error.getJsonArray("symbols")));
            assertEquals(List.of("AAPL"), JsonText.strings(subscribed.getJsonArray("symbols")));
            assertEquals(List.of("AAPL"), snapshot.getJsonArray("quotes").getValuesAs(JsonObject.class).stream()
                    .map(q -> q.getString("symbol")).toList());
            QuoteShape.assertQuoteFrame(live);
            assertTrue(beforePong.stream().allMatch(f -> isQuoteOf(f, "AAPL")),
                    () -> "only AAPL quotes before the pong: " + beforePong);
        }
    }

    @Test
    void messageLargerThanTheLimitClosesTheSessionWithMessageTooBig() {
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            String padding = "x".repeat(20 * 1024);
            socket.send(Json.createObjectBuilder().add("type", "ping").add("id", padding).build());

            int code = socket.awaitClose(QuoteSocket.REPLY_BOUND).getCloseCode().getCode();

            assertEquals(1009, code, "close code Message Too Big");
        }
    }

    /** Sends one bad message on a new session: exactly one error frame, then ping still gets its pong. */
    private static Executable answeredWithError(String kind, String message, String code) {
        return () -> {
            try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
                socket.send(message);
                List<JsonObject> beforePong = socket.roundTrip();
                assertEquals(1, beforePong.size(), () -> kind + ": exactly one frame before the pong: " + beforePong);
                assertError(beforePong.get(0), code);
                assertTrue(socket.isOpen(), () -> kind + ": session still open");
            }
        };
    }

    private static void assertError(JsonObject frame, String code) {
        assertEquals("error", frame.getString("type", null), () -> "an error frame: " + frame);
        assertEquals(code, frame.getString("code", null), () -> "error code of " + frame);
        assertFalse(QuoteShape.string(frame, "message").isBlank(), () -> "a message a user can act on: " + frame);
    }

    private static void awaitPriced(String... symbols) {
        for (String symbol : symbols) {
            Await.until(symbol + " to have a price", LIVE_BOUND, () -> Api.get("/api/quotes/" + symbol).statusCode() == 200);
        }
    }

    private static long lastSeqOnServer(String symbol) {
        return Api.getObject("/api/quotes/" + symbol).getJsonNumber("seq").longValue();
    }
}
