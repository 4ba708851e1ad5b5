package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quotecast.instrument.Instrument;
import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.protocol.ClientMessage;
import io.quotecast.protocol.ErrorCode;
import io.quotecast.quote.LastValueCache;
import io.quotecast.quote.PriceTick;
import io.quotecast.quote.QuoteUpdated;
import io.quotecast.security.Entitlement;
import io.quotecast.security.SecurityStats;

class ClientRequestsTest {

    /** Records frames and completes each send at once. */
    static final class RecordingTransport implements Outbox.Transport {
        final List<String> frames = new ArrayList<>();

        @Override
        public void send(String frame, SendHandler done) {
            frames.add(frame);
            done.onResult(new SendResult());
        }

        @Override
        public void close(CloseReason reason) {
            frames.add("CLOSED " + reason.getCloseCode().getCode());
        }
    }

    private static final Instant NOW = Instant.parse("2026-11-21T20:33:06.120Z");
    private static final Instant PRICED = Instant.parse("2026-11-21T20:30:00Z");
    private static final int MAX_SUBSCRIPTIONS = 3;

    private static final String AAPL_1 = "{\"symbol\":\"AAPL\",\"price\":231.12,\"change\":1.25,\"changePercent\":0.54,"
            + "\"volume\":1200,\"seq\":1,\"time\":\"2026-11-21T20:30:00.000Z\"}";
    private static final String BRK_1 = "{\"symbol\":\"BRK.B\",\"price\":470.03,\"change\":0.00,\"changePercent\":0.00,"
            + "\"volume\":300,\"seq\":1,\"time\":\"2026-11-21T20:30:00.000Z\"}";

    private final InstrumentCatalog catalog = new InstrumentCatalog(List.of(
            new Instrument("AAPL", "XNAS", "Apple Inc.", new BigDecimal("229.87")),
            new Instrument("MSFT", "XNAS", "Microsoft Corporation", new BigDecimal("415.49")),
            new Instrument("BRK.B", "XNYS", "Berkshire Hathaway Inc. Class B", new BigDecimal("470.03")),
            new Instrument("GOOG", "XNAS", "Alphabet Inc. Class C", new BigDecimal("166.73"))));
    private final LastValueCache cache = new LastValueCache(catalog);
    private final Subscriptions subscriptions = new Subscriptions();
    private final PushStats stats = new PushStats();
    private final SecurityStats securityStats = new SecurityStats();
    private final ClientRequests requests = new ClientRequests(subscriptions, catalog, cache,
            new PushSettings(30, 16_384, MAX_SUBSCRIPTIONS, 64, 10_000), stats, securityStats, Clock.fixed(NOW, ZoneOffset.UTC));
    private final QuoteFanOut fanOut = new QuoteFanOut(subscriptions, stats);
    private final RecordingTransport transport = new RecordingTransport();
    private final Subscriber subscriber = new Subscriber("s1", new Outbox(transport, 64, stats), Entitlement.ALL);

    @BeforeEach
    void priceSomeSymbols() {
        price("AAPL", "231.12", 1200);
        price("BRK.B", "470.03", 300);
    }

    /** A feed update as it reaches the push side: applied to the cache, then fanned out. */
    private void price(String symbol, String price, long volume) {
        LastValueCache.Outcome outcome = cache.apply(new PriceTick(symbol, new BigDecimal(price), OptionalLong.of(volume),
                OptionalLong.empty(), PRICED));
        fanOut.onUpdate(new QuoteUpdated(outcome.quote()));
    }

    private void subscribe(String... symbols) {
        requests.handle(subscriber, new ClientMessage.Subscribe(List.of(symbols)));
    }

    private void unsubscribe(String... symbols) {
        requests.handle(subscriber, new ClientMessage.Unsubscribe(List.of(symbols)));
    }

    private static String subscribed(String... symbols) {
        return "{\"type\":\"subscribed\",\"symbols\":[" + quoted(symbols) + "]}";
    }

    private static String snapshot(String... quotes) {
        return "{\"type\":\"snapshot\",\"quotes\":[" + String.join(",", quotes) + "]}";
    }

    private static String quoted(String... symbols) {
        List<String> quoted = new ArrayList<>();
        for (String symbol : symbols) {
            quoted.add(Json.createValue(symbol).toString());
        }
        return String.join(",", quoted);
    }

    private List<String> frames() {
        List<String> frames = List.copyOf(transport.frames);
        transport.frames.clear();
        return frames;
    }

    // subscribe

    @Test
    void subscribeConfirmsThenSendsTheSnapshotOfThoseThatHaveAPrice() {
        subscribe("AAPL", "MSFT");

        assertEquals(List.of(subscribed("AAPL", "MSFT"), snapshot(AAPL_1)), frames());
        assertEquals(Set.of(subscriber), subscriptions.of("AAPL"));
        assertEquals(Set.of(subscriber), subscriptions.of("MSFT"));
        assertEquals(Set.of("AAPL", "MSFT"), subscriber.outbox().symbols());
    }

    @Test
    void subscribeWithInvalidAndUnknownSymbolsReportsBothThenSubscribesTheRest() {
        subscribe("aapl", "AAPL", "NOPE", "", "BRK.B", "WAYTOOLONGSYMBOL", "ZZZ");

        assertEquals(List.of(
                "{\"type\":\"error\",\"code\":\"INVALID_SYMBOL\",\"message\":\"Symbols are 1 to 12 characters: an upper-case "
                        + "letter, then upper-case letters, digits, '.' or '-'. Not valid: aapl, , WAYTOOLONGSY…\","
                        + "\"symbols\":[\"aapl\",\"\",\"WAYTOOLONGSY…\"]}",
                "{\"type\":\"error\",\"code\":\"UNKNOWN_SYMBOL\",\"message\":\"Not in the catalog (see the welcome message's "
                        + "symbols): NOPE, ZZZ\",\"symbols\":[\"NOPE\",\"ZZZ\"]}",
                subscribed("AAPL", "BRK.B"),
                snapshot(AAPL_1, BRK_1)), frames());
        assertEquals(2, stats.errorsSent());
        assertEquals(2, subscriptions.count());
    }

    @Test
    void subscribeWithNothingAcceptableSendsOnlyTheErrors() {
        subscribe("aapl", "NOPE");

        List<String> frames = frames();
        assertEquals(2, frames.size(), frames::toString);
        assertTrue(frames.get(0).contains("\"code\":\"INVALID_SYMBOL\""), frames.get(0));
        assertTrue(frames.get(1).contains("\"code\":\"UNKNOWN_SYMBOL\""), frames.get(1));
        assertEquals(0, subscriptions.count());
        assertEquals(Set.of(), subscriber.outbox().symbols());
    }

    @Test
    void symbolsTheCallerIsNotEntitledToAreForbiddenAndNeverSnapshottedNorPushed() {
        Subscriber nasdaqOnly = new Subscriber("s2", new Outbox(transport, 64, stats),
                new Entitlement(false, Set.of(), Set.of("XNAS")));

        requests.handle(nasdaqOnly, new ClientMessage.Subscribe(List.of("AAPL", "BRK.B")));
        price("BRK.B", "471.00", 10);

        assertEquals(List.of(
                "{\"type\":\"error\",\"code\":\"FORBIDDEN\",\"message\":\"Not entitled to: BRK.B\",\"symbols\":[\"BRK.B\"]}",
                subscribed("AAPL"),
                snapshot(AAPL_1)), frames());
        assertEquals(Set.of(), subscriptions.of("BRK.B"));
        assertEquals(1, securityStats.forbiddenSymbolsCount());
    }

    @Test
    void duplicatesInOneRequestCountOnce() {
        subscribe("AAPL", "AAPL", "AAPL");

        assertEquals(List.of(subscribed("AAPL"), snapshot(AAPL_1)), frames());
        assertEquals(1, subscriptions.count());
    }

    @Test
    void subscribingBeyondTheLimitRefusesTheExtraSymbolsOnly() {
        subscribe("AAPL", "MSFT");
        frames();

        subscribe("BRK.B", "GOOG", "AAPL");

        assertEquals(List.of(
                "{\"type\":\"error\",\"code\":\"TOO_MANY_SUBSCRIPTIONS\",\"message\":\"A session may subscribe to at most 3 "
                        + "symbols; unsubscribe some first. Refused: GOOG\",\"symbols\":[\"GOOG\"]}",
                subscribed("BRK.B", "AAPL"),
                snapshot(BRK_1, AAPL_1)), frames());
        assertEquals(Set.of("AAPL", "MSFT", "BRK.B"), subscriber.outbox().symbols());
        assertEquals(Set.of(), subscriptions.of("GOOG"));
    }

    @Test
    void aSessionAtItsLimitGetsOnlyTheError() {
        subscribe("AAPL", "MSFT", "BRK.B");
        frames();

        subscribe("GOOG");

        List<String> frames = frames();
        assertEquals(1, frames.size(), frames::toString);
        assertTrue(frames.get(0).contains("\"code\":\"TOO_MANY_SUBSCRIPTIONS\""), frames.get(0));
        assertEquals(3, subscriptions.count());
    }

    @Test
    void aSingleRequestOverTheLimitIsCutAtTheLimit() {
        subscribe("AAPL", "MSFT", "BRK.B", "GOOG");

        List<String> frames = frames();
        assertTrue(frames.get(0).contains("Refused: GOOG"), frames.get(0));
        assertEquals(subscribed("AAPL", "MSFT", "BRK.B"), frames.get(1));
    }

    @Test
    void subscribingAgainIsConfirmedWithAFreshSnapshot() {
        subscribe("AAPL");
        frames();

        subscribe("AAPL");

        assertEquals(List.of(subscribed("AAPL"), snapshot(AAPL_1)), frames());
        assertEquals(1, subscriptions.count());
    }

    @Test
    void liveQuotesFollowTheSnapshotWithHigherSeqOnly() {
        subscribe("AAPL", "MSFT");
        frames();

        price("AAPL", "231.50", 1300);
        price("MSFT", "416.00", 10);
        price("GOOG", "167.00", 10);

        List<String> frames = frames();
        assertEquals(2, frames.size(), frames::toString);
        assertTrue(frames.get(0).startsWith("{\"type\":\"quote\",\"symbol\":\"AAPL\",\"price\":231.50,"), frames.get(0));
        assertTrue(frames.get(0).contains("\"seq\":2,"), frames.get(0));
        assertTrue(frames.get(1).startsWith("{\"type\":\"quote\",\"symbol\":\"MSFT\",\"price\":416.00,"), frames.get(1));
        assertTrue(frames.get(1).contains("\"seq\":1,"), frames.get(1));
    }

    // unsubscribe

    @Test
    void unsubscribeConfirmsAndNoQuoteOfThatSymbolFollows() {
        subscribe("AAPL", "BRK.B");
        frames();

        unsubscribe("AAPL");
        price("AAPL", "232.00", 1400);
        price("BRK.B", "471.00", 400);

        List<String> frames = frames();
        assertEquals("{\"type\":\"unsubscribed\",\"symbols\":[\"AAPL\"]}", frames.get(0));
        assertEquals(2, frames.size(), frames::toString);
        assertTrue(frames.get(1).contains("\"symbol\":\"BRK.B\""), frames.get(1));
        assertEquals(Set.of(), subscriptions.of("AAPL"));
        assertEquals(Set.of("BRK.B"), subscriber.outbox().symbols());
    }

    @Test
    void unsubscribeReportsInvalidSymbolsThenConfirmsTheValidOnes() {
        subscribe("AAPL");
        frames();

        unsubscribe("aapl", "AAPL", "NOPE", "AAPL");

        List<String> frames = frames();
        assertEquals(2, frames.size(), frames::toString);
        assertTrue(frames.get(0).contains("\"code\":\"INVALID_SYMBOL\""), frames.get(0));
        assertTrue(frames.get(0).endsWith("\"symbols\":[\"aapl\"]}"), frames.get(0));
        assertEquals("{\"type\":\"unsubscribed\",\"symbols\":[\"AAPL\",\"NOPE\"]}", frames.get(1));
        assertEquals(0, subscriptions.count());
    }

    @Test
    void unsubscribingFromSomethingNotSubscribedIsConfirmedHarmlessly() {
        unsubscribe("MSFT");

        assertEquals(List.of("{\"type\":\"unsubscribed\",\"symbols\":[\"MSFT\"]}"), frames());
    }

    @Test
    void unsubscribeWithOnlyInvalidSymbolsSendsOnlyTheError() {
        unsubscribe("msft");

        List<String> frames = frames();
        assertEquals(1, frames.size(), frames::toString);
        assertTrue(frames.get(0).contains("\"code\":\"INVALID_SYMBOL\""), frames.get(0));
    }

    @Test
    void unsubscribedSymbolsFreeRoomUnderTheLimit() {
        subscribe("AAPL", "MSFT", "BRK.B");
        unsubscribe("MSFT");
        frames();

        subscribe("GOOG");

        assertEquals(List.of(subscribed("GOOG"), snapshot()), frames());
    }

    // ping and errors

    @Test
    void pingIsAnsweredWithPongEchoingTheIdAndTheClocksTime() {
        requests.handle(subscriber, new ClientMessage.Ping(Json.createValue(42)));
        requests.handle(subscriber, new ClientMessage.Ping(Json.createValue("abc")));
        requests.handle(subscriber, new ClientMessage.Ping(null));

        assertEquals(List.of(
                "{\"type\":\"pong\",\"id\":42,\"serverTime\":\"2026-11-21T20:33:06.120Z\"}",
                "{\"type\":\"pong\",\"id\":\"abc\",\"serverTime\":\"2026-11-21T20:33:06.120Z\"}",
                "{\"type\":\"pong\",\"serverTime\":\"2026-11-21T20:33:06.120Z\"}"), frames());
    }

    @Test
    void anInvalidMessageIsAnsweredWithItsErrorAndCounted() {
        requests.handle(subscriber, new ClientMessage.Invalid(ErrorCode.UNKNOWN_TYPE, "Unknown type 'buy'"));
        requests.handle(subscriber, new ClientMessage.Invalid(ErrorCode.RATE_LIMITED, "Too many messages"));

        assertEquals(List.of(
                "{\"type\":\"error\",\"code\":\"UNKNOWN_TYPE\",\"message\":\"Unknown type 'buy'\"}",
                "{\"type\":\"error\",\"code\":\"RATE_LIMITED\",\"message\":\"Too many messages\"}"), frames());
        assertEquals(2, stats.errorsSent());
    }

    @Test
    void repliesComeInTheOrderRequestsArrived() {
        requests.handle(subscriber, new ClientMessage.Ping(Json.createValue(1)));
        subscribe("MSFT");
        requests.handle(subscriber, new ClientMessage.Ping(Json.createValue(2)));

        List<String> frames = frames();
        assertEquals(4, frames.size(), frames::toString);
        assertTrue(frames.get(0).contains("\"id\":1"));
        assertEquals(subscribed("MSFT"), frames.get(1));
        assertEquals(snapshot(), frames.get(2));
        assertTrue(frames.get(3).contains("\"id\":2"));
    }
}
