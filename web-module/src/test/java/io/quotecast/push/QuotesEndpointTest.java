package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quotecast.feed.FeedStatusChanged;
import io.quotecast.quote.Quote;
import io.quotecast.status.FeedStatusBroadcast;

/**
 * Protocol v1 (docs/protocol.md), message by message, against the real {@link QuotesEndpoint} on
 * Tyrus's embedded Grizzly server on loopback, over a real socket. One server for the class; every test closes its
 * clients and waits for the server to have forgotten them.
 *
 * <p>The server keeps its last values across tests, so tests read expected seq values from the
 * cache rather than assuming a fresh one. IBM is priced only by
 * {@link #subscribingToASymbolWithoutAPriceGivesASnapshotWithoutItThenItsQuotes}.
 *
 * <p>Proving that something is <em>not</em> sent: quotes of different symbols leave a session's
 * outbox in the order they were offered, so a quote that should not be there would arrive before
 * a later "marker" quote of a symbol the session does have. Where the marker's symbol has no quote
 * waiting when the unwanted one is offered, reading up to the marker proves the absence.
 */
class QuotesEndpointTest {

    private static final List<String> CATALOG = List.of("AAPL", "MSFT", "BRK.B", "IBM");
    private static final List<String> QUOTE_FIELDS =
            List.of("type", "symbol", "price", "change", "changePercent", "volume", "seq", "time");
    private static final String UTC_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private static EmbeddedQuotecast quotecast;
    private static ClientManager container;
    /** Keeps the client container from shutting its executors down between tests (see its comment). */
    private static IdleClientSession idle;

    private final List<ProtocolClient> clients = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        quotecast = EmbeddedQuotecast.start();
        container = ClientManager.createClient();
        // One client transport for all connections, instead of a thread pool per connection.
        container.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        idle = new IdleClientSession(container);
    }

    @AfterAll
    static void stopServer() {
        if (idle != null) {
            idle.close();
        }
        if (quotecast != null) {
            quotecast.close();
        }
    }

    @AfterEach
    void closeClientsAndWaitUntilTheServerHasForgottenThem() throws Exception {
        for (ProtocolClient client : clients) {
            client.close();
        }
        assertTrue(quotecast.awaitSessions(() -> quotecast.sessions.count() == 0 && quotecast.subscriptions.count() == 0,
                        ProtocolClient.WAIT),
                () -> "Still open after the test: " + quotecast.sessions.count() + " sessions, "
                        + quotecast.subscriptions.count() + " subscriptions");
    }

    // ---- welcome ----

    @Test
    void welcomeIsTheFirstFrameWithProtocolSessionIdHeartbeatAndTheCatalog() throws Exception {
        JsonObject welcome = connect().next("welcome");

        assertEquals(List.of("type", "protocol", "sessionId", "heartbeatSeconds", "symbols"),
                List.copyOf(welcome.keySet()));
        assertEquals(1, welcome.getInt("protocol"));
        assertFalse(welcome.getString("sessionId").isBlank());
        assertEquals(EmbeddedQuotecast.HEARTBEAT_SECONDS, welcome.getInt("heartbeatSeconds"));
        assertEquals(CATALOG, strings(welcome, "symbols"));
    }

    @Test
    void everySessionHasItsOwnSessionId() throws Exception {
        String first = connect().next("welcome").getString("sessionId");
        String second = connect().next("welcome").getString("sessionId");

        assertNotEquals(first, second);
    }

    // ---- subscribe, snapshot, quote ----

    @Test
    void subscribeIsConfirmedThenAnsweredWithASnapshotOfTheExactLastValues() throws Exception {
        quotecast.intake.onText("{\"symbol\":\"AAPL\",\"price\":101.25,\"volume\":1200,\"time\":\"2026-11-21T20:33:06.120Z\"}");
        quotecast.intake.onText("{\"symbol\":\"MSFT\",\"price\":398.5,\"volume\":900,\"time\":\"2026-11-21T20:33:07.005Z\"}");
        ProtocolClient client = welcomed();

        client.subscribe("AAPL", "MSFT");

        assertEquals(List.of("AAPL", "MSFT"), strings(client.next("subscribed"), "symbols"));
        List<JsonObject> snapshot = client.next("snapshot").getJsonArray("quotes").getValuesAs(JsonObject.class);
        assertEquals(2, snapshot.size(), () -> "snapshot: " + snapshot);
        JsonObject aapl = snapshot.get(0);
        assertEquals(QUOTE_FIELDS.subList(1, QUOTE_FIELDS.size()), List.copyOf(aapl.keySet()));
        assertEquals("AAPL", aapl.getString("symbol"));
        assertEquals(new BigDecimal("101.25"), decimal(aapl, "price"));
        assertEquals(new BigDecimal("1.25"), decimal(aapl, "change"));
        assertEquals(new BigDecimal("1.25"), decimal(aapl, "changePercent"));
        assertEquals(1200, aapl.getJsonNumber("volume").longValueExact());
        assertEquals(quotecast.cache.get("AAPL").orElseThrow().seq(), aapl.getJsonNumber("seq").longValueExact());
        assertEquals("2026-11-21T20:33:06.120Z", aapl.getString("time"));
        JsonObject msft = snapshot.get(1);
        assertEquals("MSFT", msft.getString("symbol"));
        assertEquals(new BigDecimal("398.5"), decimal(msft, "price"));
        assertEquals(new BigDecimal("-1.50"), decimal(msft, "change"));
        assertEquals(new BigDecimal("-0.38"), decimal(msft, "changePercent"));
        assertEquals(900, msft.getJsonNumber("volume").longValueExact());
        assertEquals(quotecast.cache.get("MSFT").orElseThrow().seq(), msft.getJsonNumber("seq").longValueExact());
        assertEquals("2026-11-21T20:33:07.005Z", msft.getString("time"));
    }

    @Test
    void aLiveQuoteCarriesTheExactPublishedPriceAndAHigherSeqThanTheSnapshot() throws Exception {
        ProtocolClient client = welcomed();
        quotecast.publish("AAPL", "100.5");
        client.subscribe("AAPL");
        client.next("subscribed");
        long snapshotSeq = onlyQuote(client.next("snapshot")).getJsonNumber("seq").longValueExact();

        quotecast.publish("AAPL", "101.25");

        JsonObject quote = client.next("quote");
        assertEquals(QUOTE_FIELDS, List.copyOf(quote.keySet()));
        assertEquals("AAPL", quote.getString("symbol"));
        assertEquals(new BigDecimal("101.25"), decimal(quote, "price"));
        assertEquals(new BigDecimal("1.25"), decimal(quote, "change"));
        assertEquals(new BigDecimal("1.25"), decimal(quote, "changePercent"));
        assertEquals(snapshotSeq + 1, quote.getJsonNumber("seq").longValueExact());
        assertTrue(quote.getString("time").matches(UTC_MILLIS), quote::toString);
    }

    @Test
    void pricesThatABinaryFloatWouldRoundArriveDigitForDigit() throws Exception {
        ProtocolClient client = subscribed("AAPL");

        for (String price : List.of("999999999.999999", "0.000001", "123456.789012", "100")) {
            quotecast.publish("AAPL", price);

            assertEquals(new BigDecimal(price), decimal(client.next("quote"), "price"));
        }
    }

    @Test
    void seqStrictlyIncreasesAndTheNewestPriceArrivesEvenWhenQuotesAreConflated() throws Exception {
        ProtocolClient client = welcomed();
        client.subscribe("MSFT");
        client.next("subscribed");
        long seq = snapshotSeq(client.next("snapshot"), "MSFT");
        List<BigDecimal> published = IntStream.rangeClosed(1, 200)
                .mapToObj(i -> new BigDecimal("410").add(BigDecimal.valueOf(i, 2))).toList();

        published.forEach(price -> quotecast.publish("MSFT", price.toPlainString()));

        BigDecimal newest = published.get(published.size() - 1);
        List<JsonObject> quotes = client.until(frame -> newest.equals(decimal(frame, "price")));
        int previousIndex = -1;
        for (JsonObject quote : quotes) {
            assertEquals("quote", quote.getString("type"));
            long next = quote.getJsonNumber("seq").longValueExact();
            assertTrue(next > seq, () -> "seq went from " + quote + " backwards or stood still");
            seq = next;
            int index = published.indexOf(decimal(quote, "price"));
            assertTrue(index > previousIndex, () -> "a quote older than one already received: " + quote);
            previousIndex = index;
        }
        assertEquals(quotecast.cache.get("MSFT").orElseThrow().seq(), seq);
    }

    @Test
    void noQuoteComesBeforeSubscribedAndSnapshotWhilePricesArePouringIn() throws Exception {
        ProtocolClient client = welcomed();
        quotecast.publish("BRK.B", "450.01");
        List<String> prices = IntStream.rangeClosed(2, 500).mapToObj(i -> BigDecimal.valueOf(45000 + i, 2).toPlainString())
                .toList();
        CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> prices.forEach(p -> quotecast.publish("BRK.B", p)));
        try {
            client.subscribe("BRK.B");

            client.next("subscribed");
            long seq = snapshotSeq(client.next("snapshot"), "BRK.B");
            feed.get(ProtocolClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            BigDecimal last = new BigDecimal(prices.get(prices.size() - 1));
            boolean lastInSnapshot = seq == quotecast.cache.get("BRK.B").orElseThrow().seq();
            if (!lastInSnapshot) {
                for (JsonObject quote : client.until(frame -> last.equals(decimal(frame, "price")))) {
                    assertEquals("quote", quote.getString("type"));
                    long next = quote.getJsonNumber("seq").longValueExact();
                    assertTrue(next > seq, () -> "not after the snapshot or the previous quote: " + quote);
                    seq = next;
                }
            }
            client.assertStillServing();
        } finally {
            feed.get(ProtocolClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void subscribingToASymbolWithoutAPriceGivesASnapshotWithoutItThenItsQuotes() throws Exception {
        assertTrue(quotecast.cache.get("IBM").isEmpty(), "IBM must have no price before this test");
        quotecast.publish("AAPL", "99.99");
        ProtocolClient client = welcomed();

        client.subscribe("IBM", "AAPL");

        assertEquals(List.of("IBM", "AAPL"), strings(client.next("subscribed"), "symbols"));
        JsonObject only = onlyQuote(client.next("snapshot"));
        assertEquals("AAPL", only.getString("symbol"));
        assertEquals(new BigDecimal("99.99"), decimal(only, "price"));

        quotecast.publish("IBM", "201.5");

        JsonObject quote = client.next("quote");
        assertEquals("IBM", quote.getString("symbol"));
        assertEquals(new BigDecimal("201.5"), decimal(quote, "price"));
        assertEquals(1, quote.getJsonNumber("seq").longValueExact());
    }

    @Test
    void subscribingAgainIsConfirmedWithAFreshSnapshotAndDuplicatesCountOnce() throws Exception {
        ProtocolClient client = welcomed();
        client.subscribe("AAPL", "AAPL");
        assertEquals(List.of("AAPL"), strings(client.next("subscribed"), "symbols"));
        client.next("snapshot");
        quotecast.publish("AAPL", "102.02");
        long seq = client.next("quote").getJsonNumber("seq").longValueExact();

        client.subscribe("AAPL");

        assertEquals(List.of("AAPL"), strings(client.next("subscribed"), "symbols"));
        JsonObject again = onlyQuote(client.next("snapshot"));
        assertEquals(new BigDecimal("102.02"), decimal(again, "price"));
        assertEquals(seq, again.getJsonNumber("seq").longValueExact());
        assertEquals(1, quotecast.subscriptions.count());
        quotecast.publish("AAPL", "102.03");
        assertEquals(new BigDecimal("102.03"), decimal(client.next("quote"), "price"));
        client.assertStillServing();
    }

    // ---- unsubscribe ----

    @Test
    void unsubscribeIsConfirmedAndNoQuoteOfThatSymbolFollows() throws Exception {
        ProtocolClient client = subscribed("AAPL", "MSFT");

        client.unsubscribe("MSFT");

        assertEquals(List.of("MSFT"), strings(client.next("unsubscribed"), "symbols"));
        quotecast.publish("MSFT", "405.55");
        List<JsonObject> untilPong = client.pingPong("after-unsubscribe");
        assertEquals(1, untilPong.size(), () -> "a frame besides the pong: " + untilPong);
        quotecast.publish("AAPL", "103.03");
        List<JsonObject> untilMarker = client.until(isQuote("AAPL"));
        assertEquals(1, untilMarker.size(), () -> "a frame before the AAPL quote: " + untilMarker);
    }

    @Test
    void unsubscribingFromASymbolNotSubscribedIsHarmless() throws Exception {
        ProtocolClient client = welcomed();

        client.unsubscribe("IBM");

        assertEquals(List.of("IBM"), strings(client.next("unsubscribed"), "symbols"));
        client.assertStillServing();
    }

    // ---- ping / pong ----

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"abc-1\"", "0", "-7", "1.50", "12345678901234567890", "\"\""})
    void pingIsAnsweredWithAPongEchoingItsIdAndTheServerTime(String id) throws Exception {
        ProtocolClient client = welcomed();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        client.send("{\"type\":\"ping\",\"id\":" + id + "}");

        JsonObject pong = client.next("pong");
        Instant after = Instant.now();
        assertEquals(List.of("type", "id", "serverTime"), List.copyOf(pong.keySet()));
        JsonValue sent = Json.createReader(new StringReader(id)).readValue();
        assertEquals(sent.getValueType(), pong.get("id").getValueType());
        if (sent instanceof JsonNumber number) {
            assertEquals(number.bigDecimalValue(), pong.getJsonNumber("id").bigDecimalValue());
        } else {
            assertEquals(((JsonString) sent).getString(), pong.getString("id"));
        }
        String serverTime = pong.getString("serverTime");
        assertTrue(serverTime.matches(UTC_MILLIS), serverTime);
        Instant at = Instant.parse(serverTime);
        assertFalse(at.isBefore(before) || at.isAfter(after), () -> serverTime + " is not between " + before + " and " + after);
    }

    @Test
    void pingWithoutAnIdIsAnsweredWithAPongWithoutAnId() throws Exception {
        ProtocolClient client = welcomed();

        client.send("{\"type\":\"ping\"}");

        JsonObject pong = client.next("pong");
        assertEquals(List.of("type", "serverTime"), List.copyOf(pong.keySet()));
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        ProtocolClient client = welcomed();

        client.send("{\"type\":\"ping\",\"id\":5,\"extra\":{\"nested\":[1,2]}}");

        assertEquals(5, client.next("pong").getInt("id"));
    }

    // ---- errors: each answered by an error frame, and the session keeps serving ----

    @ParameterizedTest
    @ValueSource(strings = {
            "hello", "", " ", "{", "[1,2]", "[{\"type\":\"ping\"}]", "null", "42", "\"ping\"", "{}",
            "{\"symbols\":[]}", "{\"type\":7}", "{\"type\":null}", "{\"type\":[\"ping\"]}",
            "{\"type\":\"subscribe\"}", "{\"type\":\"subscribe\",\"symbols\":\"AAPL\"}",
            "{\"type\":\"subscribe\",\"symbols\":[]}", "{\"type\":\"subscribe\",\"symbols\":[42]}",
            "{\"type\":\"subscribe\",\"symbols\":[null]}", "{\"type\":\"subscribe\",\"symbols\":{\"0\":\"AAPL\"}}",
            "{\"type\":\"unsubscribe\",\"symbols\":\"AAPL\"}", "{\"type\":\"unsubscribe\"}",
            "{\"type\":\"ping\",\"id\":{}}", "{\"type\":\"ping\",\"id\":[1]}", "{\"type\":\"ping\",\"id\":true}"})
    void anUnreadableMessageIsAnsweredWithInvalidMessage(String text) throws Exception {
        ProtocolClient client = welcomed();

        client.send(text);

        assertError(client.next("error"), "INVALID_MESSAGE");
        client.assertStillServing();
    }

    // ---- maxRate ----

    @Test
    void aSubscriptionWithMaxRateGetsItsSymbolsNewestQuoteAtThatRate() throws Exception {
        ProtocolClient client = welcomed();
        client.send("{\"type\":\"subscribe\",\"symbols\":[\"MSFT\"],\"maxRate\":2}");
        client.next("subscribed");
        client.next("snapshot");

        // The first update is read before the next ones are published. The subscription's first
        // look is made once the snapshot's write completes on the server, which may be after the
        // client read it: updates published together could all come in before that look, which
        // then rightly takes the newest (this test failed that way once under load).
        quotecast.publish("MSFT", "401.25");
        JsonObject first = client.next("quote");
        long firstRead = System.nanoTime();
        for (int i = 2; i <= 5; i++) {
            quotecast.publish("MSFT", "40" + i + ".25");
        }
        long newest = quotecast.cache.get(List.of("MSFT")).get(0).seq();
        List<JsonObject> rest = client.until(f -> f.getJsonNumber("seq").longValue() == newest);
        long waited = System.nanoTime() - firstRead;

        assertEquals(newest - 4, first.getJsonNumber("seq").longValue(), "the first update leaves at once");
        assertEquals(1, rest.size(), () -> "the three in between are conflated into the newest: " + rest);
        assertEquals(new BigDecimal("405.25"), rest.get(0).getJsonNumber("price").bigDecimalValue());
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(300), "the newest waited for the 500 ms interval: " + waited);
        client.assertStillServing();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1000", "\"fast\""})
    void aMaxRateOutsideItsBoundsIsAnsweredWithInvalidMessageAndSubscribesNothing(String rate) throws Exception {
        ProtocolClient client = welcomed();

        client.send("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxRate\":" + rate + "}");

        JsonObject error = assertError(client.next("error"), "INVALID_MESSAGE");
        assertTrue(error.getString("message").contains("maxRate"), error::toString);
        client.assertStillServing();
        assertEquals(0, quotecast.subscriptions.count());
    }

    @Test
    void moreThan200SymbolsInOneRequestIsAnInvalidMessage() throws Exception {
        ProtocolClient client = welcomed();

        client.subscribe(IntStream.range(0, 201).mapToObj(i -> "A").toArray(String[]::new));

        assertError(client.next("error"), "INVALID_MESSAGE");
        client.assertStillServing();
    }

    @Test
    void aBinaryFrameIsAnsweredWithInvalidMessage() throws Exception {
        ProtocolClient client = welcomed();

        client.sendBinary("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));

        assertError(client.next("error"), "INVALID_MESSAGE");
        client.assertStillServing();
    }

    @ParameterizedTest
    @ValueSource(strings = {"buy", "SUBSCRIBE", "pong", "welcome", ""})
    void anUnknownTypeIsAnsweredWithUnknownType(String type) throws Exception {
        ProtocolClient client = welcomed();

        client.send("{\"type\":\"" + type + "\"}");

        JsonObject error = client.next("error");
        assertError(error, "UNKNOWN_TYPE");
        assertTrue(error.getString("message").contains("'" + type + "'"), error::toString);
        client.assertStillServing();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aapl", "", "1ABC", ".A", "AA PL", "AAPL ", "ÄAPL"})
    void aSymbolOutsideTheSyntaxIsAnsweredWithInvalidSymbolAndTheValidOnesAreStillSubscribed(String invalid)
            throws Exception {
        ProtocolClient client = welcomed();

        client.subscribe(invalid, "AAPL");

        JsonObject error = client.next("error");
        assertError(error, "INVALID_SYMBOL");
        assertEquals(List.of(invalid), strings(error, "symbols"));
        assertEquals(List.of("AAPL"), strings(client.next("subscribed"), "symbols"));
        client.next("snapshot");
        client.assertStillServing();
    }

    @Test
    void aSymbolLongerThan12CharactersIsShownShortenedInTheInvalidSymbolError() throws Exception {
        ProtocolClient client = welcomed();

        client.subscribe("ABCDEFGHIJKLMNOPQRSTUVWXYZ");

        JsonObject error = client.next("error");
        assertError(error, "INVALID_SYMBOL");
        assertEquals(List.of("ABCDEFGHIJKL…"), strings(error, "symbols"));
        client.assertStillServing();
    }

    @Test
    void unsubscribeNamesInvalidSymbolsFirstThenConfirmsTheValidOnes() throws Exception {
        ProtocolClient client = subscribed("MSFT");

        client.unsubscribe("msft", "MSFT");

        JsonObject error = client.next("error");
        assertError(error, "INVALID_SYMBOL");
        assertEquals(List.of("msft"), strings(error, "symbols"));
        assertEquals(List.of("MSFT"), strings(client.next("unsubscribed"), "symbols"));
        client.assertStillServing();
    }

    @Test
    void aSymbolNotInTheCatalogIsAnsweredWithUnknownSymbolAndTheOthersAreStillSubscribed() throws Exception {
        ProtocolClient client = welcomed();

        client.subscribe("AAPL", "NOPE", "MSFT");

        JsonObject error = client.next("error");
        assertError(error, "UNKNOWN_SYMBOL");
        assertEquals(List.of("NOPE"), strings(error, "symbols"));
        assertTrue(error.getString("message").contains("NOPE"), error::toString);
        assertEquals(List.of("AAPL", "MSFT"), strings(client.next("subscribed"), "symbols"));
        client.next("snapshot");
        quotecast.publish("MSFT", "402.02");
        assertEquals(new BigDecimal("402.02"), decimal(client.next("quote"), "price"));
        client.assertStillServing();
    }

    @Test
    void subscribingPastTheLimitIsAnsweredWithTooManySubscriptionsForTheRefusedSymbolsOnly() throws Exception {
        ProtocolClient client = subscribed("AAPL", "MSFT");

        client.subscribe("BRK.B", "IBM");

        JsonObject error = client.next("error");
        assertError(error, "TOO_MANY_SUBSCRIPTIONS");
        assertEquals(List.of("IBM"), strings(error, "symbols"));
        assertTrue(error.getString("message").contains(String.valueOf(EmbeddedQuotecast.MAX_SUBSCRIPTIONS)), error::toString);
        assertEquals(List.of("BRK.B"), strings(client.next("subscribed"), "symbols"));
        client.next("snapshot");
        client.assertStillServing();
    }

    @Test
    void atTheLimitASymbolAlreadySubscribedIsStillConfirmedAndUnsubscribingMakesRoom() throws Exception {
        ProtocolClient client = subscribed("AAPL", "MSFT", "BRK.B");

        client.subscribe("IBM");
        assertError(client.next("error"), "TOO_MANY_SUBSCRIPTIONS");
        client.assertStillServing();

        client.subscribe("AAPL");
        assertEquals(List.of("AAPL"), strings(client.next("subscribed"), "symbols"));
        client.next("snapshot");

        client.unsubscribe("MSFT");
        client.next("unsubscribed");
        client.subscribe("IBM");
        assertEquals(List.of("IBM"), strings(client.next("subscribed"), "symbols"));
        client.next("snapshot");
    }

    @Test
    void errorsOfOneRequestComeInTheDocumentedOrderBeforeTheConfirmation() throws Exception {
        ProtocolClient client = welcomed();

        client.subscribe("aapl", "NOPE", "AAPL", "MSFT", "BRK.B", "IBM");

        assertEquals(List.of("aapl"), strings(assertError(client.next("error"), "INVALID_SYMBOL"), "symbols"));
        assertEquals(List.of("NOPE"), strings(assertError(client.next("error"), "UNKNOWN_SYMBOL"), "symbols"));
        assertEquals(List.of("IBM"), strings(assertError(client.next("error"), "TOO_MANY_SUBSCRIPTIONS"), "symbols"));
        assertEquals(List.of("AAPL", "MSFT", "BRK.B"), strings(client.next("subscribed"), "symbols"));
        client.next("snapshot");
        client.assertStillServing();
    }

    // ---- message size ----

    /**
     * Tyrus checks {@code Session.setMaxTextMessageBufferSize} only for messages it reassembles from
     * several frames; the endpoint checks the size itself so that one large frame is refused too.
     */
    @Test
    void aMessageLargerThanTheLimitInOneFrameClosesTheSessionWithMessageTooBig() throws Exception {
        ProtocolClient client = welcomed();
        String big = pingOfBytes(EmbeddedQuotecast.MAX_MESSAGE_BYTES + 1);

        client.sendExpectingClose(big);

        CloseReason reason = client.awaitClose();
        assertEquals(CloseReason.CloseCodes.TOO_BIG, reason.getCloseCode(), reason::toString);
        assertTrue(quotecast.awaitSessions(() -> quotecast.sessions.count() == 0, ProtocolClient.WAIT),
                "the closed session is still registered");
    }

    /** /api/stats tells how sessions ended, so that connections that vanish under load say why. */
    @Test
    void sessionsAreCountedByHowTheyEndedWhicheverSideClosed() throws Exception {
        long normalBefore = quotecast.stats.sessionsClosedBy().getOrDefault("1000", 0L);
        long tooBigBefore = quotecast.stats.sessionsClosedBy().getOrDefault("1009", 0L);
        ProtocolClient leaving = welcomed();
        ProtocolClient oversized = welcomed();

        leaving.close();
        oversized.sendExpectingClose(pingOfBytes(EmbeddedQuotecast.MAX_MESSAGE_BYTES + 1));
        assertEquals(CloseReason.CloseCodes.TOO_BIG, oversized.awaitClose().getCloseCode());

        assertTrue(quotecast.awaitSessions(() -> quotecast.sessions.count() == 0, ProtocolClient.WAIT),
                "the closed sessions are still registered");
        assertEquals(normalBefore + 1, quotecast.stats.sessionsClosedBy().getOrDefault("1000", 0L), "the client's own close");
        assertEquals(tooBigBefore + 1, quotecast.stats.sessionsClosedBy().getOrDefault("1009", 0L), "the server's close for size");
    }

    /** The server closing a session (here for size) must unregister it like a client's close does. */
    @Test
    void aSessionTheServerClosesLeavesNoSubscriptionBehind() throws Exception {
        ProtocolClient client = subscribed("AAPL");
        assertEquals(1, quotecast.subscriptions.count());

        client.sendExpectingClose(pingOfBytes(EmbeddedQuotecast.MAX_MESSAGE_BYTES + 1));

        assertEquals(CloseReason.CloseCodes.TOO_BIG, client.awaitClose().getCloseCode());
        assertTrue(quotecast.awaitSessions(() -> quotecast.sessions.count() == 0 && quotecast.subscriptions.count() == 0,
                ProtocolClient.WAIT), "the closed session is still subscribed");
    }

    @Test
    void aMessageOfExactlyTheLimitInOneFrameIsAnswered() throws Exception {
        ProtocolClient client = welcomed();

        client.send(pingOfBytes(EmbeddedQuotecast.MAX_MESSAGE_BYTES));

        client.next("pong");
        assertTrue(client.isOpen());
    }

    @Test
    void aMessageLargerThanTheLimitSentInSeveralFramesClosesTheSessionWithMessageTooBig() throws Exception {
        ProtocolClient client = welcomed();
        String big = pingOfBytes(EmbeddedQuotecast.MAX_MESSAGE_BYTES + 1);

        client.sendInPartsExpectingClose(big.substring(0, 600), big.substring(600));

        CloseReason reason = client.awaitClose();
        assertEquals(CloseReason.CloseCodes.TOO_BIG, reason.getCloseCode(), reason::toString);
        assertTrue(quotecast.awaitSessions(() -> quotecast.sessions.count() == 0, ProtocolClient.WAIT),
                "the closed session is still registered");
    }

    @Test
    void aBinaryMessageLargerThanTheLimitSentInSeveralFramesClosesTheSessionWithMessageTooBig() throws Exception {
        ProtocolClient client = welcomed();

        client.sendBinaryInPartsExpectingClose(new byte[600], new byte[EmbeddedQuotecast.MAX_MESSAGE_BYTES + 1 - 600]);

        CloseReason reason = client.awaitClose();
        assertEquals(CloseReason.CloseCodes.TOO_BIG, reason.getCloseCode(), reason::toString);
    }

    @Test
    void aMessageOfExactlyTheLimitSentInSeveralFramesIsAnswered() throws Exception {
        ProtocolClient client = welcomed();
        String limit = pingOfBytes(EmbeddedQuotecast.MAX_MESSAGE_BYTES);

        client.sendInParts(limit.substring(0, 600), limit.substring(600));

        client.next("pong");
        assertTrue(client.isOpen());
    }

    // ---- sessions ----

    @Test
    void twoSessionsSubscribedToDifferentSymbolsEachGetOnlyTheirOwnQuotes() throws Exception {
        ProtocolClient apple = subscribed("AAPL");
        ProtocolClient berkshire = subscribed("BRK.B");

        // Each session reads up to its own quote before the other's symbol is published again, so
        // a quote that leaked to it would come before its next own quote.
        quotecast.publish("AAPL", "104.01");
        assertOnlyQuotesOf("AAPL", apple.until(isQuote("AAPL")));
        quotecast.publish("BRK.B", "451.01");
        assertOnlyQuotesOf("BRK.B", berkshire.until(isQuote("BRK.B")));
        quotecast.publish("AAPL", "104.02");
        assertOnlyQuotesOf("AAPL", apple.until(isQuote("AAPL")));
        quotecast.publish("BRK.B", "451.02");
        assertOnlyQuotesOf("BRK.B", berkshire.until(isQuote("BRK.B")));
    }

    @Test
    void closingASessionRemovesItAndItsSubscriptions() throws Exception {
        ProtocolClient client = subscribed("AAPL", "MSFT");
        assertEquals(1, quotecast.sessions.count());
        assertEquals(2, quotecast.subscriptions.count());

        client.close();

        assertTrue(quotecast.awaitSessions(() -> quotecast.sessions.count() == 0 && quotecast.subscriptions.count() == 0,
                ProtocolClient.WAIT), () -> quotecast.sessions.count() + " sessions, "
                + quotecast.subscriptions.count() + " subscriptions left");
    }

    @Test
    void fiftyConcurrentSessionsAllReceiveAPublishedQuote() throws Exception {
        List<ProtocolClient> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ProtocolClient client = welcomed();
            client.subscribe("BRK.B");
            fifty.add(client);
        }
        for (ProtocolClient client : fifty) {
            client.next("subscribed");
            client.next("snapshot");
        }
        assertEquals(50, quotecast.sessions.count());
        assertEquals(50, quotecast.subscriptions.of("BRK.B").size());

        quotecast.publish("BRK.B", "452.52");

        long seq = quotecast.cache.get("BRK.B").map(Quote::seq).orElseThrow();
        for (ProtocolClient client : fifty) {
            JsonObject quote = client.next("quote");
            assertEquals(new BigDecimal("452.52"), decimal(quote, "price"));
            assertEquals(seq, quote.getJsonNumber("seq").longValueExact());
        }
    }

    @Test
    void shuttingDownClosesEverySessionWithGoingAway() throws Exception {
        ProtocolClient first = welcomed();
        ProtocolClient second = welcomed();

        quotecast.sessions.goingAway();

        assertEquals(CloseReason.CloseCodes.GOING_AWAY, first.awaitClose().getCloseCode());
        assertEquals(CloseReason.CloseCodes.GOING_AWAY, second.awaitClose().getCloseCode());
    }

    @Test
    void aStaleFeedIsToldToEverySessionWhichStaysOpenAndGetsTheNextPrices() throws Exception {
        ProtocolClient subscribed = welcomed();
        ProtocolClient idle = welcomed();
        subscribed.subscribe("BRK.B");
        subscribed.next("subscribed");
        subscribed.next("snapshot");

        quotecast.sessions.broadcast(FeedStatusBroadcast.frame(
                new FeedStatusChanged(true, Instant.parse("2026-11-21T20:33:06.120Z"))));

        for (ProtocolClient client : List.of(subscribed, idle)) {
            JsonObject status = client.next("status");
            assertEquals(List.of("type", "feed", "since"), List.copyOf(status.keySet()));
            assertEquals("stale", status.getString("feed"));
            assertEquals("2026-11-21T20:33:06.120Z", status.getString("since"));
        }
        quotecast.sessions.broadcast(FeedStatusBroadcast.frame(
                new FeedStatusChanged(false, Instant.parse("2026-11-21T20:33:26.000Z"))));
        assertEquals("live", subscribed.next("status").getString("feed"));
        quotecast.publish("BRK.B", "461.5");
        assertEquals(new BigDecimal("461.5"), decimal(subscribed.next("quote"), "price"));
        assertEquals("live", idle.next("status").getString("feed"));
    }

    @Test
    void drainingClosesEverySessionWithGoingAwayAndSaysWhy() throws Exception {
        ProtocolClient first = welcomed();
        ProtocolClient second = welcomed();

        quotecast.sessions.goingAway("Node is draining: reconnect");

        for (ProtocolClient client : List.of(first, second)) {
            CloseReason reason = client.awaitClose();
            assertEquals(CloseReason.CloseCodes.GOING_AWAY, reason.getCloseCode());
            assertEquals("Node is draining: reconnect", reason.getReasonPhrase());
        }
    }

    // ---- helpers ----

    private ProtocolClient connect() throws Exception {
        ProtocolClient client = ProtocolClient.connect(container, quotecast.uri());
        clients.add(client);
        return client;
    }

    private ProtocolClient welcomed() throws Exception {
        ProtocolClient client = connect();
        client.next("welcome");
        return client;
    }

    /** A session subscribed to {@code symbols}, with the confirmation and snapshot read. */
    private ProtocolClient subscribed(String... symbols) throws Exception {
        ProtocolClient client = welcomed();
        client.subscribe(symbols);
        assertEquals(List.of(symbols), strings(client.next("subscribed"), "symbols"));
        client.next("snapshot");
        return client;
    }

    /** A ping padded to exactly {@code bytes} bytes of UTF-8. */
    private static String pingOfBytes(int bytes) {
        String frame = "{\"type\":\"ping\",\"id\":\"\"}";
        return "{\"type\":\"ping\",\"id\":\"" + "x".repeat(bytes - frame.length()) + "\"}";
    }

    private static JsonObject assertError(JsonObject error, String code) {
        assertEquals(code, error.getString("code"), error::toString);
        assertFalse(error.getString("message").isBlank(), error::toString);
        boolean aboutSymbols = !code.equals("INVALID_MESSAGE") && !code.equals("UNKNOWN_TYPE");
        assertEquals(aboutSymbols ? List.of("type", "code", "message", "symbols") : List.of("type", "code", "message"),
                List.copyOf(error.keySet()));
        return error;
    }

    private static void assertOnlyQuotesOf(String symbol, List<JsonObject> frames) {
        assertEquals(1, frames.size(), () -> "expected only the " + symbol + " quote, got " + frames);
    }

    private static Predicate<JsonObject> isQuote(String symbol) {
        return frame -> "quote".equals(frame.getString("type")) && symbol.equals(frame.getString("symbol"));
    }

    private static JsonObject onlyQuote(JsonObject snapshot) {
        List<JsonObject> quotes = snapshot.getJsonArray("quotes").getValuesAs(JsonObject.class);
        assertEquals(1, quotes.size(), snapshot::toString);
        return quotes.get(0);
    }

    /** The seq of {@code symbol} in a snapshot, 0 when it has no value yet. */
    private static long snapshotSeq(JsonObject snapshot, String symbol) {
        return snapshot.getJsonArray("quotes").getValuesAs(JsonObject.class).stream()
                .filter(q -> symbol.equals(q.getString("symbol")))
                .mapToLong(q -> q.getJsonNumber("seq").longValueExact())
                .findFirst().orElse(0);
    }

    private static BigDecimal decimal(JsonObject object, String field) {
        JsonValue value = object.get(field);
        return value instanceof JsonNumber number ? number.bigDecimalValue() : null;
    }

    private static List<String> strings(JsonObject object, String field) {
        return object.getJsonArray(field).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).collect(Collectors.toList());
    }
}
