package io.quotecast.push;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Map;

import io.quotecast.guard.HandshakeGuard;
import io.quotecast.security.Caller;

/**
 * Copies what the session needs to know about its handshake into its user properties (a
 * per-connection copy since WebSocket 2.1): the client address that {@link HandshakeGuard}
 * counted the session against, and the authenticated caller whose groups decide what the
 * session may receive. Endpoint creation is left to the container, so CDI injection
 * works as without a configurator.
 */
public class HandshakeDetails extends ServerEndpointConfig.Configurator {

    static final String PEER_ADDRESS = "io.quotecast.peer-address";
    static final String CALLER = "io.quotecast.caller";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            if (header.getValue().isEmpty()) {
                continue;
            }
            if (HandshakeGuard.PEER_HEADER.equalsIgnoreCase(header.getKey())) {
                config.getUserProperties().put(PEER_ADDRESS, header.getValue().get(0));
            } else if (HandshakeGuard.CALLER_HEADER.equalsIgnoreCase(header.getKey())) {
                Caller.fromHeader(header.getValue().get(0)).ifPresent(c -> config.getUserProperties().put(CALLER, c));
            }
        }
    }
}
