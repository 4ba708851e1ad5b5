package io.quotecast.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quotecast.instrument.Instrument;
import io.quotecast.quote.Quote;

/** The REST bodies, which go through the same JSON-B configuration as the WebSocket frames. */
class ProtocolJsonTest {

    @Test
    void aQuoteReadsOverRestExactlyAsInsideAFrame() {
        Quote quote = new Quote("AAPL", new BigDecimal("229.34"), new BigDecimal("-0.53"), new BigDecimal("-0.23"),
                55_900, 19, Instant.parse("2026-11-21T20:43:35.370Z"));

        assertEquals("[{\"symbol\":\"AAPL\",\"price\":229.34,\"change\":-0.53,\"changePercent\":-0.23,\"volume\":55900,"
                + "\"seq\":19,\"time\":\"2026-11-21T20:43:35.370Z\"}]", ProtocolJson.JSONB.toJson(List.of(quote)));
    }

    @Test
    void anInstrumentListsItsFieldsInTheDocumentedOrder() {
        Instrument apple = new Instrument("AAPL", "XNAS", "Apple Inc.", new BigDecimal("229.87"));

        assertEquals("{\"symbol\":\"AAPL\",\"exchange\":\"XNAS\",\"name\":\"Apple Inc.\",\"previousClose\":229.87}",
                ProtocolJson.JSONB.toJson(apple));
    }

    @Test
    void anHttpErrorBodyIsAnErrorFrame() {
        assertEquals("{\"type\":\"error\",\"code\":\"NO_QUOTE\",\"message\":\"No price has arrived for AAPL yet\"}",
                ProtocolJson.JSONB.toJson(new ErrorMessage(ErrorCode.NO_QUOTE, "No price has arrived for AAPL yet")));
    }
}
