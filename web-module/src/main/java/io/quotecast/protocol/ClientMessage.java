package io.quotecast.protocol;

import java.util.List;

import jakarta.json.JsonValue;

/** What a client may send: one record per {@code type}, plus {@link Invalid} for anything else. */
public sealed interface ClientMessage {

    record Subscribe(List<String> symbols) implements ClientMessage {
    }

    record Unsubscribe(List<String> symbols) implements ClientMessage {
    }

    /** {@code id} is echoed in the pong; a JSON string or number, or null when absent. */
    record Ping(JsonValue id) implements ClientMessage {
    }

    /** A message the decoder refused, with the error frame's code and text. */
    record Invalid(ErrorCode code, String message) implements ClientMessage {
    }
}
