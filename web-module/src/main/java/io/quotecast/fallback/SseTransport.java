package io.quotecast.fallback;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quotecast.protocol.ProtocolJson;
import io.quotecast.push.Outbox;

/**
 * An {@link Outbox} writing to a Server-Sent Events stream: each frame becomes one event named
 * after its {@code type}, with the frame as its data, byte for byte as a WebSocket client would
 * get it. A {@code heartbeat} frame also carries a comment line, for proxies.
 *
 * <p>Every event's {@code id:} is a resume point: a {@link Cursor} at or below which every
 * change to the stream's symbols has been written. Quotes leave the outbox in symbol order,
 * conflated, not in journal order, so the id is not simply the cursor of the quote sent; it is
 * the journal position, lowered below the oldest change not yet written. A client that resumes
 * from it may get a quote twice (it drops it by seq), never miss one.
 *
 * <p>Threads: {@link #send} runs on whichever thread the outbox pumps on, one call at a time;
 * {@link #close} on any thread.
 */
final class SseTransport implements Outbox.Transport {

    private final SseEventSink sink;
    private final Sse sse;
    private final QuoteJournal journal;
    private final Collection<String> symbols;
    private final Runnable onClose;
    /** The seq of each symbol's newest quote written to (or known to) the client. Guarded by this. */
    private final Map<String, Long> written = new HashMap<>();

    SseTransport(SseEventSink sink, Sse sse, QuoteJournal journal, Collection<String> symbols,
                 Map<String, Long> clientHas, Runnable onClose) {
        this.sink = sink;
        this.sse = sse;
        this.journal = journal;
        this.symbols = List.copyOf(symbols);
        this.onClose = onClose;
        this.written.putAll(clientHas);
    }

    @Override
    public void send(String frame, SendHandler done) {
        JsonObject json = ProtocolJson.JSONB.fromJson(frame, JsonObject.class);
        String type = json.getString("type", "message");
        OutboundSseEvent.Builder event = sse.newEventBuilder().name(type).id(resumePoint(json).text()).data(frame);
        if ("heartbeat".equals(type)) {
            event.comment("heartbeat");
        }
        sink.send(event.build()).whenComplete((ignored, failure) ->
                done.onResult(failure == null ? new SendResult() : new SendResult(failure)));
    }

    @Override
    public void close(CloseReason reason) {
        onClose.run();
        sink.close();
    }

    /** Notes what {@code frame} gives the client, then the highest cursor the client is caught up to. */
    synchronized Cursor resumePoint(JsonObject frame) {
        switch (frame.getString("type", "")) {
            case "quote" -> wrote(frame);
            case "snapshot" -> frame.getJsonArray("quotes").getValuesAs(JsonObject.class).forEach(this::wrote);
            default -> {
                // welcome and heartbeat carry no quote
            }
        }
        long upTo = journal.position();
        for (String symbol : symbols) {
            QuoteJournal.Entry entry = journal.newest(symbol).orElse(null);
            if (entry != null && entry.quote().seq() > written.getOrDefault(symbol, 0L)) {
                upTo = Math.min(upTo, entry.position() - 1);
            }
        }
        return journal.at(upTo);
    }

    private void wrote(JsonObject quote) {
        JsonValue symbol = quote.get("symbol");
        JsonValue seq = quote.get("seq");
        if (symbol instanceof JsonString s && seq instanceof JsonNumber n) {
            written.merge(s.getString(), n.longValue(), Math::max);
        }
    }
}
