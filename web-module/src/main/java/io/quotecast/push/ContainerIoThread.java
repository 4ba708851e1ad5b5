package io.quotecast.push;

import jakarta.websocket.Session;

import java.util.concurrent.Executor;

/**
 * The thread that owns a WebSocket connection in the container, when the container has one and
 * lets us reach it: on Undertow (WildFly) every connection belongs to one XNIO I/O thread, and a
 * frame sent from any other thread is handed to that thread as a task (a queue insert, often a
 * selector wake-up and a context switch, per frame). Work given to the connection's own thread
 * writes inline. Jakarta WebSocket has no API for this, so it is looked up through Undertow's
 * public {@code UndertowSession.getWebSocketChannel().getIoThread()} by name; on any other
 * container (Tyrus on Payara, the in-process test server) there is none and Quotecast writes from
 * the calling thread, as before.
 */
final class ContainerIoThread {

    private ContainerIoThread() {
    }

    /** The I/O thread of Undertow's {@code channel} ({@link #channel}), or null for a null channel. */
    static Executor ioThread(Object channel) {
        if (channel == null) {
            return null;
        }
        try {
            Object ioThread = channel.getClass().getMethod("getIoThread").invoke(channel);
            return ioThread instanceof Executor executor ? executor : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Undertow's WebSocket channel of the connection, or null on any other container. */
    static Object channel(Session session) {
        try {
            return session.getClass().getMethod("getWebSocketChannel").invoke(session);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
