package io.quotecast.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** Sent once, first, on every new session. */
@JsonbPropertyOrder({"type", "protocol", "sessionId", "heartbeatSeconds", "symbols"})
public record WelcomeMessage(String type, int protocol, String sessionId, int heartbeatSeconds, List<String> symbols) {

    public static final int PROTOCOL_VERSION = 1;

    public WelcomeMessage(String sessionId, int heartbeatSeconds, List<String> symbols) {
        this("welcome", PROTOCOL_VERSION, sessionId, heartbeatSeconds, symbols);
    }
}
