package io.quotecast.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.io.IOException;

import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;

/**
 * An {@link Outbox.Transport} on WildFly. On the connection's own I/O thread, a frame goes to the
 * socket whole, as bytes built once per update and I/O thread ({@link FrameBytes#wire}), through
 * the {@link DirectFrameConduit} put on the connection at its first such write: no frame object,
 * header or queue entry of Undertow's per session. Where that cannot be (another thread, Undertow
 * in the middle of a frame of its own, a close under way, an extension negotiated, the conduit
 * not installable) the frame goes through Undertow's own WebSocket API with its UTF-8 payload
 * from the same cache: Jakarta WebSocket's {@code sendText(String)} would encode the update again
 * for every session. Closing stays with the standard transport, so {@code @OnClose} and the close
 * codes do not change. Only {@link SessionTransports} refers to this class, and only for a
 * session of Undertow's, so that the EAR still deploys unchanged where there is no Undertow.
 *
 * <p>Threads: {@code send} is called by one thread at a time (the outbox has one frame in
 * flight); the conduit is installed and used on the I/O thread only.
 */
final class UndertowTransport implements Outbox.Transport {

    /** Immutable, so one serves every successful write. */
    private static final SendResult OK = new SendResult();

    private final SessionTransport standard;
    private final WebSocketChannel channel;
    private final long timeoutMillis;
    private final FrameBytes frames;
    private final PushStats stats;
    private final Thread ioThread;
    /** Whether direct frames are allowed, until an attempt to install the conduit fails. I/O thread only. */
    private boolean direct;
    private DirectFrameConduit conduit;

    private UndertowTransport(SessionTransport standard, WebSocketChannel channel, long timeoutMillis, FrameBytes frames,
                              boolean direct, PushStats stats) {
        this.standard = standard;
        this.channel = channel;
        this.timeoutMillis = timeoutMillis;
        this.frames = frames;
        this.direct = direct;
        this.stats = stats;
        this.ioThread = channel.getIoThread();
    }

    /** Over {@code channel} if it is Undertow's WebSocket channel; null otherwise. */
    static Outbox.Transport over(Object channel, SessionTransport standard, long timeoutMillis, FrameBytes frames,
                                 boolean direct, PushStats stats) {
        return channel instanceof WebSocketChannel undertow
                ? new UndertowTransport(standard, undertow, timeoutMillis, frames, direct, stats) : null;
    }

    @Override
    public Lane lane() {
        return standard.lane();
    }

    @Override
    public void send(String frame, SendHandler done) {
        if (direct && Thread.currentThread() == ioThread && sentDirectly(frame, done)) {
            return;
        }
        WebSockets.sendText(frames.payload(frame), channel, new Completion(done), timeoutMillis);
    }

    /** On the I/O thread: whether the frame was taken by the conduit (written, or its rest pending). */
    private boolean sentDirectly(String frame, SendHandler done) {
        // Undertow refuses data frames once a close frame went either way; so does this path.
        if (channel.isCloseFrameSent() || channel.isCloseFrameReceived()) {
            return false;
        }
        if (conduit == null) {
            conduit = DirectFrames.install(channel);
            if (conduit == null) {
                direct = false;
                return false;
            }
        }
        DirectFrameConduit.Offer offer;
        try {
            offer = conduit.offer(frames.wire(frame), done, timeoutMillis);
        } catch (IOException e) {
            done.onResult(new SendResult(e));
            return true;
        }
        if (offer == DirectFrameConduit.Offer.BUSY) {
            return false;
        }
        stats.directFrame();
        if (offer == DirectFrameConduit.Offer.WRITTEN) {
            done.onResult(OK);
        } else {
            stats.directFramePartial();
        }
        return true;
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
