package io.quotecast.fallback;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

import java.time.Instant;

import io.quotecast.quote.UtcMillis;

/** The data of an SSE heartbeat: proof for a browser (which never sees comments) that the stream is alive. */
@JsonbPropertyOrder({"type", "serverTime"})
public record HeartbeatMessage(String type, @JsonbTypeAdapter(UtcMillis.class) Instant serverTime) {

    public HeartbeatMessage(Instant serverTime) {
        this("heartbeat", serverTime);
    }
}
