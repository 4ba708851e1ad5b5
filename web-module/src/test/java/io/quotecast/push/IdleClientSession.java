package io.quotecast.push;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.net.URI;

/**
 * One idle session, to a loopback server of its own, that a test class holds open for its whole
 * run. Tyrus's client container shuts its executors down whenever its last session closes, and
 * a connection whose handshake raced with that shutdown was refused its session's idle-timeout
 * task ({@code RejectedExecutionException} in {@code TyrusSession.restartIdleTimeoutExecutor})
 * and failed after 30 s with "Handshake response not received": about one run in eight of a
 * class that closes every client after each test. With this session the container is never
 * empty; Quotecast's server never sees it.
 */
final class IdleClientSession implements AutoCloseable {

    /** Says nothing and takes anything. */
    @ServerEndpoint("/idle")
    public static final class IdleEndpoint {
        @OnMessage
        public void onMessage(String text) {
            // Nothing to answer: the session only has to exist.
        }
    }

    private final LoopbackTyrusServer server = new LoopbackTyrusServer(IdleEndpoint.class);
    private final Session session;

    IdleClientSession(WebSocketContainer container) throws IOException, DeploymentException {
        server.start("/keeper", 0);
        session = container.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session opened, EndpointConfig config) {
                // Idle by design.
            }
        }, ClientEndpointConfig.Builder.create().build(), URI.create("ws://127.0.0.1:" + server.getPort() + "/keeper/idle"));
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (IOException ignored) {
            // The server below goes away anyway.
        }
        server.stop();
    }
}
