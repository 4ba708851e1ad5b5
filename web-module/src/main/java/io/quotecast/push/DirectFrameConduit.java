package io.quotecast.push;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;

import org.xnio.Buffers;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.WriteReadyHandler;

import io.undertow.conduits.IdleTimeoutConduit;

/**
 * The top of a WebSocket connection's outbound conduits on Undertow, through which whole frames
 * built once per update ({@link FrameBytes#wire}) go straight to the socket, between the frames
 * Undertow writes itself. A server's frames are not masked, so one update's frame is the same
 * bytes for every subscriber; Undertow's own path builds a frame object, a header and a queue
 * entry per session and frame, and that was two thirds of the server's core at 10,000 clients
 * (docs/tuning.md). This path is one {@code write} call.
 *
 * <p>The stream stays well formed because the two writers never interleave inside a frame:
 * <ul>
 *   <li>a direct frame is written only when Undertow's last write left nothing behind, that is
 *   between its frames ({@link #offer} answers {@link Offer#BUSY} otherwise, and the caller sends
 *   through Undertow, which queues it after its own);</li>
 *   <li>the rest of a direct frame that the socket did not take is written before anything of
 *   Undertow's: its writes get 0 bytes (as from a full socket) until the rest is out, and it
 *   waits for the socket as it always does.</li>
 * </ul>
 * Data frames never interleave across messages either: the only data frames are the outbox's,
 * one in flight per session, and a frame sent through Undertow is reported done only when its
 * last byte is written. Control frames (ping, pong, close) may come between data frames.
 *
 * <p>Threads: Undertow writes on the connection's I/O thread only, and {@link UndertowTransport}
 * offers frames there only; the lock covers a close from another thread. Completions are
 * reported without it.
 */
final class DirectFrameConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {

    /** What became of an offered frame. */
    enum Offer {
        /** Every byte is written. */
        WRITTEN,
        /** Part is written; the rest goes as the socket drains, and the handler is told then. */
        PENDING,
        /** Not written: Undertow is inside a frame, or the stream is shut; send it through Undertow. */
        BUSY
    }

    /** Runs a task once after a delay, unless the returned handle is run first (which cancels it). */
    @FunctionalInterface
    interface Timer {
        Runnable after(long millis, Runnable task);

        /** The I/O thread's own timer, which runs the task on that thread. */
        static Timer of(XnioExecutor thread) {
            return (millis, task) -> thread.executeAfter(task, millis, TimeUnit.MILLISECONDS)::remove;
        }
    }

    private static final SendResult OK = new SendResult();

    /**
     * Where direct frames are written, short of {@code next}: a conduit further down, under
     * Undertow's timeout conduits ({@code sink}), whose bookkeeping on every write (an option
     * lookup, the clock, twice) cost a tenth of the I/O threads' Java time at 10,000 clients (a
     * direct frame has a timeout of its own); and the idle-timeout conduit skipped on the way
     * ({@code idle}, null if none), which the frames go through again whenever it has a timeout,
     * so that they count as activity. Readiness and Undertow's writes always go through
     * {@code next}.
     */
    record Path(StreamSinkConduit sink, IdleTimeoutConduit idle) {
    }

    private final Path frames;
    /** Guarded by the lock. */
    private WriteReadyHandler upperHandler;
    private final Runnable closeConnection;
    private final Timer timer;
    /** The rest of a direct frame, and who is told when it is written; null when none. */
    private ByteBuffer rest;
    private SendHandler restDone;
    /** Cancels the rest's timeout; null when it has none. */
    private Runnable restTimeout;
    /**
     * Whether Undertow's last write left bytes of its frames unwritten. Unknown when this conduit
     * is put in, so it starts true: the first write of Undertow's that completes clears it.
     */
    private boolean upperInsideFrame = true;
    private boolean upperWantsWrites;
    private boolean shut;

    /**
     * Over {@code next}, the conduit below; {@code upperHandler}: what the socket's readiness
     * should reach above this conduit (the channel's write listener); {@code closeConnection}:
     * closes the connection when a direct frame's rest is not written within its timeout, as
     * {@code timer} tells.
     */
    DirectFrameConduit(StreamSinkConduit next, WriteReadyHandler upperHandler, Runnable closeConnection, Timer timer) {
        this(next, new Path(next, null), upperHandler, closeConnection, timer);
    }

    /** As above, writing direct frames along {@code frames}, which starts at or under {@code next}. */
    DirectFrameConduit(StreamSinkConduit next, Path frames, WriteReadyHandler upperHandler,
                       Runnable closeConnection, Timer timer) {
        super(next);
        this.frames = frames;
        this.upperHandler = upperHandler;
        this.closeConnection = closeConnection;
        this.timer = timer;
        // Undertow may be waiting for the socket already: its wish carries over.
        this.upperWantsWrites = next.isWriteResumed();
        next.setWriteReadyHandler(new ReadyHandler());
    }

    /**
     * Writes {@code frame} (a whole WebSocket frame) if the stream is between frames. On
     * {@link Offer#PENDING}, {@code done} is told once the rest is written, or of the failure;
     * past {@code timeoutMillis} (0: never) the write has failed and the connection is closed,
     * as Undertow does with a send that times out. On any other answer {@code done} is not called.
     */
    Offer offer(ByteBuffer frame, SendHandler done, long timeoutMillis) throws IOException {
        synchronized (this) {
            if (shut || rest != null || upperInsideFrame) {
                return Offer.BUSY;
            }
            frameSink().write(frame);
            if (!frame.hasRemaining()) {
                return Offer.WRITTEN;
            }
            rest = frame;
            restDone = done;
            if (timeoutMillis > 0) {
                restTimeout = timer.after(timeoutMillis, () -> timedOut(frame));
            }
            next.resumeWrites();
            return Offer.PENDING;
        }
    }

    /** The conduit the next direct write goes to ({@link Path}). */
    StreamSinkConduit frameSink() {
        IdleTimeoutConduit idle = frames.idle();
        return idle != null && idle.getIdleTimeout() > 0 ? next : frames.sink();
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) upperWrite(() -> {
            int n = next.write(src);
            upperInsideFrame = src.hasRemaining();
            return n;
        });
    }

    @Override
    public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
        return upperWrite(() -> {
            long n = next.write(srcs, offs, len);
            upperInsideFrame = Buffers.hasRemaining(srcs, offs, len);
            return n;
        });
    }

    @Override
    public int writeFinal(ByteBuffer src) throws IOException {
        int n = write(src);
        if (!src.hasRemaining()) {
            terminateWrites();
        }
        return n;
    }

    @Override
    public long writeFinal(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = write(srcs, offset, length);
        if (!Buffers.hasRemaining(srcs, offset, length)) {
            terminateWrites();
        }
        return n;
    }

    /** WebSocket frames never come from a file; should they, they are handled as any write of Undertow's. */
    @Override
    public long transferFrom(FileChannel src, long position, long count) throws IOException {
        return upperWrite(() -> {
            long n = next.transferFrom(src, position, count);
            upperInsideFrame = n < count;
            return n;
        });
    }

    @Override
    public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
        return upperWrite(() -> {
            long n = next.transferFrom(source, count, throughBuffer);
            upperInsideFrame = n < count || throughBuffer.hasRemaining();
            return n;
        });
    }

    /** Flushed once the rest of a direct frame is out and the conduits below are flushed. */
    @Override
    public boolean flush() throws IOException {
        return upperWrite(() -> next.flush() ? 1 : 0) == 1;
    }

    @Override
    public synchronized void resumeWrites() {
        upperWantsWrites = true;
        next.resumeWrites();
    }

    @Override
    public synchronized void suspendWrites() {
        upperWantsWrites = false;
        if (rest == null) {
            next.suspendWrites();
        }
    }

    @Override
    public synchronized void wakeupWrites() {
        upperWantsWrites = true;
        next.wakeupWrites();
    }

    @Override
    public synchronized boolean isWriteResumed() {
        return upperWantsWrites;
    }

    /** A shut stream takes no more direct frames; one whose rest is still unwritten is lost with it. */
    @Override
    public void terminateWrites() throws IOException {
        shutLosingRest();
        next.terminateWrites();
    }

    @Override
    public void truncateWrites() throws IOException {
        shutLosingRest();
        next.truncateWrites();
    }

    /** The socket's readiness stays ours ({@link ReadyHandler}), which passes it on to {@code handler}. */
    @Override
    public synchronized void setWriteReadyHandler(WriteReadyHandler handler) {
        upperHandler = handler;
    }

    /** One of Undertow's writes (or its flush), under the lock, reporting 0 until a direct frame's rest is out. */
    @FunctionalInterface
    private interface UpperWrite {
        long run() throws IOException;
    }

    /**
     * Undertow's writes: what is left of a direct frame goes first, and until all of it is out
     * the socket looks full to Undertow (0 bytes), which then waits for it as it always does.
     */
    private long upperWrite(UpperWrite write) throws IOException {
        SendHandler written = null;
        try {
            synchronized (this) {
                if (rest != null) {
                    written = writeRest();
                    if (written == null) {
                        return 0;
                    }
                }
                return write.run();
            }
        } finally {
            report(written, OK);
        }
    }

    private void shutLosingRest() {
        SendHandler lost;
        synchronized (this) {
            shut = true;
            lost = dropRest();
        }
        report(lost, new SendResult(new ClosedChannelException()));
    }

    /** Under the lock: writes what is left of the direct frame; its handler once all is written, else null. */
    private SendHandler writeRest() throws IOException {
        frameSink().write(rest);
        if (rest.hasRemaining()) {
            return null;
        }
        SendHandler done = restDone;
        rest = null;
        restDone = null;
        cancelTimeout();
        if (!upperWantsWrites) {
            next.suspendWrites();
        }
        return done;
    }

    /** Under the lock: forgets the rest of the direct frame; its handler, to be told, or null. */
    private SendHandler dropRest() {
        SendHandler done = restDone;
        rest = null;
        restDone = null;
        cancelTimeout();
        return done;
    }

    private void cancelTimeout() {
        if (restTimeout != null) {
            restTimeout.run();
            restTimeout = null;
        }
    }

    private void timedOut(ByteBuffer frame) {
        SendHandler lost;
        synchronized (this) {
            if (rest != frame) {
                return;
            }
            restTimeout = null;
            // The frame is half written: nothing else can follow it on this connection.
            shut = true;
            lost = dropRest();
        }
        report(lost, new SendResult(new SocketTimeoutException("Direct frame not written in time")));
        closeConnection.run();
    }

    private synchronized WriteReadyHandler upper() {
        return upperHandler;
    }

    private static void report(SendHandler done, SendResult result) {
        if (done != null) {
            done.onResult(result);
        }
    }

    /**
     * The socket's readiness, first for the rest of a direct frame, then for Undertow if it asked
     * for it; with nobody waiting, writes are suspended so that the selector stops reporting.
     */
    private final class ReadyHandler implements WriteReadyHandler {

        @Override
        public void writeReady() {
            SendHandler written = null;
            SendResult result = OK;
            WriteReadyHandler upper;
            synchronized (DirectFrameConduit.this) {
                if (rest != null) {
                    try {
                        written = writeRest();
                    } catch (IOException e) {
                        shut = true;
                        written = dropRest();
                        result = new SendResult(e);
                    }
                    if (written == null && rest != null) {
                        return;
                    }
                }
                upper = upperWantsWrites ? upperHandler : null;
                if (upper == null && rest == null) {
                    next.suspendWrites();
                }
            }
            report(written, result);
            if (upper != null) {
                upper.writeReady();
            }
        }

        @Override
        public void forceTermination() {
            upper().forceTermination();
        }

        @Override
        public void terminated() {
            shutLosingRest();
            upper().terminated();
        }
    }
}
