package io.quotecast.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** Sent once, first, on every new session; {@code user} is the authenticated caller, left out when there is none. */
@JsonbPropertyOrder({"type", "protocol", "sessionId", "heartbeatSeconds", "symbols", "user"})
public record WelcomeMessage(String type, int protocol, String sessionId, int heartbeatSeconds, List<String> symbols,
                             String user) {

    public static final int PROTOCOL_VERSION = 1;

    public WelcomeMessage(String sessionId, int heartbeatSeconds, List<String> symbols) {
        this(sessionId, heartbeatSeconds, symbols, null);
    }

    public WelcomeMessage(String sessionId, int heartbeatSeconds, List<String> symbols, String user) {
        this("welcome", PROTOCOL_VERSION, sessionId, heartbeatSeconds, symbols, user);
    }
}
