package io.quotecast.fallback;

import jakarta.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quotecast.protocol.ProtocolJson;
import io.quotecast.protocol.QuoteEncoder;
import io.quotecast.protocol.QuoteMessage;
import io.quotecast.quote.Quote;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SSE event id: a cursor at or below which the client has every change to its symbols. */
class SseTransportTest {

    private final QuoteJournal journal = new QuoteJournal("e1", null, new PollWaiters());

    private Quote quote(String symbol, long seq) {
        Quote quote = new Quote(symbol, BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("0.00"), 0, seq,
                Instant.parse("2026-11-21T20:00:00Z"));
        journal.record(quote);
        return quote;
    }

    private static JsonObject frame(Quote quote) {
        return ProtocolJson.JSONB.fromJson(new QuoteEncoder().text(QuoteMessage.of(quote)), JsonObject.class);
    }

    private SseTransport transport(Map<String, Long> clientHas) {
        return new SseTransport(null, null, journal, List.of("AAPL", "MSFT"), clientHas, () -> { });
    }

    @Test
    void withEverythingWrittenTheIdIsTheJournalPosition() {
        SseTransport transport = transport(Map.of());
        Quote aapl = quote("AAPL", 1);
        Quote msft = quote("MSFT", 1);
        transport.resumePoint(frame(aapl));
        assertEquals(new Cursor("e1", 2), transport.resumePoint(frame(msft)));
    }

    @Test
    void aChangeNotYetWrittenHoldsTheIdBelowIt() {
        SseTransport transport = transport(Map.of());
        quote("IBM", 1);                      // position 1, not a symbol of this stream
        Quote aapl = quote("AAPL", 1);        // 2
        quote("MSFT", 1);                     // 3, waiting in the outbox
        quote("IBM", 2);                      // 4
        assertEquals(new Cursor("e1", 2), transport.resumePoint(frame(aapl)));
    }

    @Test
    void conflatedOlderChangesDoNotHoldItBack() {
        SseTransport transport = transport(Map.of());
        quote("MSFT", 1);                     // 1, replaced before it was written
        Quote aapl = quote("AAPL", 1);        // 2
        Quote msft = quote("MSFT", 2);        // 3
        assertEquals(new Cursor("e1", 2), transport.resumePoint(frame(aapl)));
        assertEquals(new Cursor("e1", 3), transport.resumePoint(frame(msft)));
    }

    @Test
    void aSnapshotAndWhatTheClientHadWhenResumingCountAsWritten() {
        Quote aapl = quote("AAPL", 1);
        quote("MSFT", 7);
        SseTransport transport = transport(Map.of("MSFT", 7L));
        JsonObject snapshot = ProtocolJson.JSONB.fromJson(
                "{\"type\":\"snapshot\",\"quotes\":[" + ProtocolJson.JSONB.toJson(aapl) + "]}", JsonObject.class);
        assertEquals(new Cursor("e1", 2), transport.resumePoint(snapshot));
    }
}
