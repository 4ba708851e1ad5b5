package io.quotecast.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;

/**
 * An {@link Outbox.Transport} on WildFly that writes through Undertow's own WebSocket API with the
 * frame's UTF-8 bytes from its I/O thread's {@link FrameBytes}: Jakarta WebSocket's
 * {@code sendText(String)} encodes the same update again for every session, and that copy was a
 * fifth of what the fan-out allocated at 10,000 clients (docs/benchmarks.md). Closing stays with
 * the standard transport, so {@code @OnClose} and the close codes do not change. Only
 * {@link SessionTransports} refers to this class, and only for a session of Undertow's, so that
 * the EAR still deploys unchanged where there is no Undertow (Payara).
 */
final class UndertowTransport implements Outbox.Transport {

    /** Immutable, so one serves every successful write. */
    private static final SendResult OK = new SendResult();

    private final SessionTransport standard;
    private final WebSocketChannel channel;
    private final long timeoutMillis;
    private final FrameBytes frames;

    private UndertowTransport(SessionTransport standard, WebSocketChannel channel, long timeoutMillis, FrameBytes frames) {
        this.standard = standard;
        this.channel = channel;
        this.timeoutMillis = timeoutMillis;
        this.frames = frames;
    }

    /** Over {@code channel} if it is Undertow's WebSocket channel; null otherwise. */
    static Outbox.Transport over(Object channel, SessionTransport standard, long timeoutMillis, FrameBytes frames) {
        return channel instanceof WebSocketChannel undertow
                ? new UndertowTransport(standard, undertow, timeoutMillis, frames) : null;
    }

    @Override
    public Lane lane() {
        return standard.lane();
    }

    @Override
    public void send(String frame, SendHandler done) {
        WebSockets.sendText(frames.of(frame), channel, new Completion(done), timeoutMillis);
    }

    @Override
    public void close(CloseReason reason) {
        standard.close(reason);
    }

    /** Reports one write, once: Undertow's own adapter guards against a second report the same way. */
    private static final class Completion implements WebSocketCallback<Void> {
        private final SendHandler done;
        private volatile boolean reported;

        Completion(SendHandler done) {
            this.done = done;
        }

        @Override
        public void complete(WebSocketChannel channel, Void context) {
            if (!reported) {
                reported = true;
                done.onResult(OK);
            }
        }

        @Override
        public void onError(WebSocketChannel channel, Void context, Throwable error) {
            if (!reported) {
                reported = true;
                done.onResult(new SendResult(error));
            }
        }
    }
}
