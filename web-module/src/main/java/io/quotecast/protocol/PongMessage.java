package io.quotecast.protocol;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

import java.time.Instant;

import io.quotecast.quote.UtcMillis;

/** The answer to a client's ping, echoing its id. */
@JsonbPropertyOrder({"type", "id", "serverTime"})
public record PongMessage(String type, JsonValue id, @JsonbTypeAdapter(UtcMillis.class) Instant serverTime) {

    public PongMessage(JsonValue id, Instant serverTime) {
        this("pong", id, serverTime);
    }
}
