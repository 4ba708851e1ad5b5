package io.quotecast.push;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.quotecast.protocol.ClientMessage;
import io.quotecast.protocol.ClientMessageDecoder;
import io.quotecast.guard.InboundLimiter;
import io.quotecast.protocol.ErrorCode;

/**
 * The WebSocket boundary, protocol v1 (docs/protocol.md). One instance per connection, created
 * by the container through CDI; it holds no state of its own and hands everything to the
 * application-scoped {@link Sessions} and {@link ClientRequests}.
 */
@ServerEndpoint(value = "/ws/quotes", configurator = HandshakeDetails.class)
public class QuotesEndpoint {

    private static final Logger LOG = Logger.getLogger(QuotesEndpoint.class.getName());

    private final ClientMessageDecoder decoder = new ClientMessageDecoder();

    @Inject
    Sessions sessions;

    @Inject
    ClientRequests requests;

    public QuotesEndpoint() {
    }

    /** For the embedded-server tests, which have no CDI container. */
    QuotesEndpoint(Sessions sessions, ClientRequests requests) {
        this.sessions = sessions;
        this.requests = requests;
    }

    @OnOpen
    public void open(Session session) {
        sessions.open(session);
    }

    /**
     * Text arrives in parts, as the container reads it, and is decoded here once whole: the size
     * limit must be enforced while the message is still arriving (see {@link Sessions#assemble}),
     * which neither a whole-message handler nor a decoder registered on the endpoint allows.
     */
    @OnMessage
    public void message(Session session, String part, boolean last) {
        sessions.assemble(session, part, last).ifPresent(text -> handle(session, decoder.decode(text)));
    }

    @OnMessage
    public void binary(Session session, ByteBuffer ignored) {
        handle(session, new ClientMessage.Invalid(ErrorCode.INVALID_MESSAGE,
                "Binary frames are not part of the protocol: send JSON text"));
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        sessions.heardPong(session, pong.getApplicationData());
    }

    private void handle(Session session, ClientMessage message) {
        InboundLimiter.Verdict verdict = sessions.admit(session);
        if (verdict == InboundLimiter.Verdict.DISCONNECT) {
            return;
        }
        ClientMessage handled = verdict == InboundLimiter.Verdict.ACCEPT ? message
                : new ClientMessage.Invalid(ErrorCode.RATE_LIMITED, "Too many messages: slow down, this one was ignored");
        sessions.subscriber(session).ifPresent(subscriber -> requests.handle(subscriber, handled));
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        sessions.close(session, String.valueOf(reason.getCloseCode().getCode()));
    }

    @OnError
    public void error(Session session, Throwable failure) {
        // Peers vanish all the time; this is not worth more than a fine-grained log line.
        LOG.log(Level.FINE, "WebSocket session " + session.getId() + " failed", failure);
        sessions.close(session, "error " + failure.getClass().getSimpleName());
    }
}
