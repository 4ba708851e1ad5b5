package io.quotecast.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;

/**
 * An {@link Outbox} writing to a WebSocket session through its asynchronous remote.
 *
 * <p>Tyrus (Payara's WebSocket) restarts the session's idle timer on every send by scheduling a
 * task on the container's managed scheduled executor, even when the session has no idle timeout;
 * Payara captures the calling thread's context for each such task, which includes a
 * {@code ServiceLoader} lookup through the thread's context class loader, and through the
 * application's loader that scans every module of the server. That was four fifths of the
 * fan-out's time on Payara (docs/tuning.md). So the send runs with the platform class loader as
 * the context loader, where the lookup finds nothing quickly, and the completion runs with the
 * application's loader again. On Undertow the standard path captures nothing: the swap costs two
 * field writes.
 */
final class SessionTransport implements Outbox.Transport {

    /** Where a {@code ServiceLoader} lookup costs next to nothing: the JDK's modules, no class path. */
    private static final ClassLoader LEAN = ClassLoader.getPlatformClassLoader();

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
        Thread thread = Thread.currentThread();
        ClassLoader application = thread.getContextClassLoader();
        thread.setContextClassLoader(LEAN);
        try {
            session.getAsyncRemote().sendText(frame, result -> completeWith(application, done, result));
        } finally {
            thread.setContextClassLoader(application);
        }
    }

    /** Tyrus may complete a send on the sending thread, inside the swap: the outbox runs as it would elsewhere. */
    private static void completeWith(ClassLoader application, SendHandler done, SendResult result) {
        Thread thread = Thread.currentThread();
        ClassLoader current = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            done.onResult(result);
        } finally {
            thread.setContextClassLoader(current);
        }
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
