package io.quotecast.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;

import java.io.IOException;

/** An {@link Outbox} writing to a WebSocket session through its asynchronous remote. */
final class SessionTransport implements Outbox.Transport {

    private final Session session;
    private final Lane lane;

    /** {@code lane}: the connection's own container thread ({@link ContainerIoThread}), or null. */
    SessionTransport(Session session, int sendTimeoutMillis, Lane lane) {
        this.session = session;
        this.lane = lane;
        if (sendTimeoutMillis > 0) {
            session.getAsyncRemote().setSendTimeout(sendTimeoutMillis);
        }
    }

    @Override
    public Lane lane() {
        return lane;
    }

    @Override
    public void send(String frame, SendHandler done) {
        session.getAsyncRemote().sendText(frame, done);
    }

    @Override
    public void close(CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException | IllegalStateException e) {
            // The peer is gone already; the container reports the close through @OnClose.
        }
    }
}
