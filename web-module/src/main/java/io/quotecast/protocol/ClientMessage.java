package io.quotecast.protocol;

import java.util.List;

import jakarta.json.JsonValue;

/** What a client may send: one record per {@code type}, plus {@link Invalid} for anything else. */
public sealed interface ClientMessage {

    /**
     * {@code maxRate}: the most quotes per second per symbol the client wants (the server
     * conflates to the newest value at that rate); 0 when the client did not ask for a limit.
     * {@code batch}: quotes of these symbols that are ready together may share one
     * {@code quotes} message.
     */
    record Subscribe(List<String> symbols, double maxRate, boolean batch) implements ClientMessage {

        public Subscribe(List<String> symbols) {
            this(symbols, 0, false);
        }

        public Subscribe(List<String> symbols, double maxRate) {
            this(symbols, maxRate, false);
        }

        /** The least time between two quotes of one symbol, in nanoseconds; 0 for no limit. */
        public long intervalNanos() {
            return maxRate > 0 ? Math.round(1e9 / maxRate) : 0;
        }
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
