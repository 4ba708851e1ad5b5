package io.quotecast.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.websocket.EncodeException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quotecast.quote.Quote;

class EncodersTest {

    private static final Instant TIME = Instant.parse("2026-11-21T20:33:06.120Z");

    private static final Quote AAPL = new Quote("AAPL", new BigDecimal("229.87"), new BigDecimal("1.25"),
            new BigDecimal("0.55"), 1200, 7, TIME);
    private static final String AAPL_FIELDS = "\"symbol\":\"AAPL\",\"price\":229.87,\"change\":1.25,\"changePercent\":0.55,"
            + "\"volume\":1200,\"seq\":7,\"time\":\"2026-11-21T20:33:06.120Z\"";

    @Test
    void quoteFrameHasTypeThenTheQuoteFieldsInProtocolOrder() {
        assertEquals("{\"type\":\"quote\"," + AAPL_FIELDS + "}", new QuoteEncoder().text(QuoteMessage.of(AAPL)));
    }

    @Test
    void quoteFrameWritesNegativeChangesAndExactDecimalsWithoutBinaryRounding() {
        Quote quote = new Quote("BRK.B", new BigDecimal("123456789.123456"), new BigDecimal("-0.53"),
                new BigDecimal("-0.23"), 0, 1, Instant.parse("2026-11-21T20:43:35.37Z"));

        assertEquals("{\"type\":\"quote\",\"symbol\":\"BRK.B\",\"price\":123456789.123456,\"change\":-0.53,"
                        + "\"changePercent\":-0.23,\"volume\":0,\"seq\":1,\"time\":\"2026-11-21T20:43:35.370Z\"}",
                new QuoteEncoder().text(QuoteMessage.of(quote)));
    }

    @Test
    void quoteFrameTimeAlwaysHasThreeFractionalDigits() {
        Quote quote = new Quote("T", new BigDecimal("22.61"), new BigDecimal("0.00"), new BigDecimal("0.00"), 5, 2,
                Instant.parse("2026-11-21T20:33:06.123456789Z"));

        assertEquals("{\"type\":\"quote\",\"symbol\":\"T\",\"price\":22.61,\"change\":0.00,\"changePercent\":0.00,"
                        + "\"volume\":5,\"seq\":2,\"time\":\"2026-11-21T20:33:06.123Z\"}",
                new QuoteEncoder().text(QuoteMessage.of(quote)));
    }

    @Test
    void snapshotFrameListsQuotesInTheQuoteFieldOrder() {
        Quote msft = new Quote("MSFT", new BigDecimal("415.49"), new BigDecimal("0.00"), new BigDecimal("0.00"), 10, 3, TIME);

        assertEquals("{\"type\":\"snapshot\",\"quotes\":[{" + AAPL_FIELDS + "},{\"symbol\":\"MSFT\",\"price\":415.49,"
                        + "\"change\":0.00,\"changePercent\":0.00,\"volume\":10,\"seq\":3,\"time\":\"2026-11-21T20:33:06.120Z\"}]}",
                new SnapshotEncoder().text(new SnapshotMessage(List.of(AAPL, msft))));
    }

    @Test
    void emptySnapshotFrameHasAnEmptyList() {
        assertEquals("{\"type\":\"snapshot\",\"quotes\":[]}", new SnapshotEncoder().text(new SnapshotMessage(List.of())));
    }

    @Test
    void welcomeFrame() {
        assertEquals("{\"type\":\"welcome\",\"protocol\":1,\"sessionId\":\"s-1\",\"heartbeatSeconds\":30,"
                        + "\"symbols\":[\"AAPL\",\"BRK.B\"]}",
                new WelcomeEncoder().text(new WelcomeMessage("s-1", 30, List.of("AAPL", "BRK.B"))));
    }

    @Test
    void subscribedFrame() {
        assertEquals("{\"type\":\"subscribed\",\"symbols\":[\"AAPL\",\"MSFT\"]}",
                new SubscribedEncoder().text(new SubscribedMessage(List.of("AAPL", "MSFT"))));
    }

    @Test
    void unsubscribedFrame() {
        assertEquals("{\"type\":\"unsubscribed\",\"symbols\":[\"MSFT\"]}",
                new UnsubscribedEncoder().text(new UnsubscribedMessage(List.of("MSFT"))));
    }

    @Test
    void pongFrameEchoesANumericIdUnchanged() {
        assertEquals("{\"type\":\"pong\",\"id\":42,\"serverTime\":\"2026-11-21T20:33:06.120Z\"}",
                new PongEncoder().text(new PongMessage(Json.createValue(42), TIME)));
        assertEquals("{\"type\":\"pong\",\"id\":12345678901234567890.50,\"serverTime\":\"2026-11-21T20:33:06.120Z\"}",
                new PongEncoder().text(new PongMessage(Json.createValue(new BigDecimal("12345678901234567890.50")), TIME)));
    }

    @Test
    void pongFrameEchoesAStringIdEscaped() {
        assertEquals("{\"type\":\"pong\",\"id\":\"a\\\"b\",\"serverTime\":\"2026-11-21T20:33:06.120Z\"}",
                new PongEncoder().text(new PongMessage(Json.createValue("a\"b"), TIME)));
    }

    @Test
    void pongFrameWithoutIdOmitsIt() {
        assertEquals("{\"type\":\"pong\",\"serverTime\":\"2026-11-21T20:33:06.120Z\"}",
                new PongEncoder().text(new PongMessage(null, TIME)));
    }

    @Test
    void errorFrameListsTheSymbolsConcerned() {
        assertEquals("{\"type\":\"error\",\"code\":\"UNKNOWN_SYMBOL\",\"message\":\"Not in the catalog: NOPE\","
                        + "\"symbols\":[\"NOPE\"]}",
                new ErrorEncoder().text(new ErrorMessage(ErrorCode.UNKNOWN_SYMBOL, "Not in the catalog: NOPE", List.of("NOPE"))));
    }

    @Test
    void errorFrameOmitsSymbolsWhenNull() {
        assertEquals("{\"type\":\"error\",\"code\":\"INVALID_MESSAGE\",\"message\":\"Messages must be JSON objects\"}",
                new ErrorEncoder().text(new ErrorMessage(ErrorCode.INVALID_MESSAGE, "Messages must be JSON objects")));
    }

    @Test
    void errorFrameEscapesTheMessage() {
        assertEquals("{\"type\":\"error\",\"code\":\"INVALID_SYMBOL\",\"message\":\"bad \\\"x\\\"\\nline\","
                        + "\"symbols\":[\"a\\\\b\"]}",
                new ErrorEncoder().text(new ErrorMessage(ErrorCode.INVALID_SYMBOL, "bad \"x\"\nline", List.of("a\\b"))));
    }

    @Test
    void encodeGivesTheSameTextAsText() throws EncodeException {
        SubscribedMessage message = new SubscribedMessage(List.of("AAPL"));

        assertEquals(new SubscribedEncoder().text(message), new SubscribedEncoder().encode(message));
    }
}
