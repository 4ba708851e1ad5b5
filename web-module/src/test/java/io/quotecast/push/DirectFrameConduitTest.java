package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.SendResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.WriteReadyHandler;

import io.quotecast.push.DirectFrameConduit.Offer;

/**
 * Direct frames and Undertow's own frames share one socket without ever interleaving inside a
 * frame, whatever the socket takes at a time. The socket is a fake that takes as many bytes as
 * it is given room for; "Undertow" is this test writing through the conduit as Undertow does.
 */
class DirectFrameConduitTest {

    private final FakeSocket socket = new FakeSocket();
    private final List<Runnable> timeouts = new ArrayList<>();
    private final List<SendResult> results = new ArrayList<>();
    private final UpperHandler upper = new UpperHandler();
    private int connectionCloses;
    private final DirectFrameConduit conduit = new DirectFrameConduit(socket, upper, () -> connectionCloses++,
            (millis, task) -> {
                timeouts.add(task);
                return () -> timeouts.remove(task);
            });

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private Offer offer(String frame) throws IOException {
        return conduit.offer(bytes(frame), results::add, 10_000);
    }

    /** Undertow's write of its pending frames, as its flushSenders makes it: one gathering write. */
    private long undertowWrites(ByteBuffer... frames) throws IOException {
        return conduit.write(frames, 0, frames.length);
    }

    @Test
    void noDirectFrameBeforeUndertowIsSeenBetweenFrames() throws IOException {
        assertEquals(Offer.BUSY, offer("[direct]"), "whether Undertow is inside a frame is unknown when put in");

        undertowWrites(bytes("[welcome]"));

        assertEquals(Offer.WRITTEN, offer("[direct]"));
        assertEquals("[welcome][direct]", socket.text());
        assertTrue(results.isEmpty(), "a frame written at once is reported by the caller, not the conduit");
    }

    @Test
    void aDirectFrameWaitsForUndertowsFrameToBeWrittenWhole() throws IOException {
        undertowWrites(bytes("[a]"));
        socket.room = 3;
        ByteBuffer undertows = bytes("[undertow]");
        undertowWrites(undertows);

        assertEquals(Offer.BUSY, offer("[direct]"), "Undertow's frame is half written");

        socket.room = Integer.MAX_VALUE;
        undertowWrites(undertows);
        assertEquals(Offer.WRITTEN, offer("[direct]"));
        assertEquals("[a][undertow][direct]", socket.text());
    }

    @Test
    void theRestOfADirectFrameGoesBeforeAnythingOfUndertows() throws IOException {
        undertowWrites(bytes("[a]"));
        socket.room = 4;

        assertEquals(Offer.PENDING, offer("[direct]"));
        assertTrue(socket.resumed, "the conduit waits for the socket itself");
        ByteBuffer undertows = bytes("[ping]");
        assertEquals(0, undertowWrites(undertows), "Undertow sees a full socket");
        assertFalse(conduit.flush(), "nor can it flush");
        conduit.resumeWrites();

        socket.room = Integer.MAX_VALUE;
        socket.ready();

        assertEquals(1, results.size());
        assertTrue(results.get(0).isOK());
        assertEquals(1, upper.readies, "Undertow, which was waiting, hears of the socket after the rest is out");
        undertowWrites(undertows);
        assertEquals("[a][direct][ping]", socket.text());
    }

    @Test
    void undertowsOwnWriteSendsTheRestFirstAndReportsIt() throws IOException {
        undertowWrites(bytes("[a]"));
        socket.room = 2;
        assertEquals(Offer.PENDING, offer("[direct]"));

        socket.room = Integer.MAX_VALUE;
        undertowWrites(bytes("[close]"));

        assertEquals("[a][direct][close]", socket.text());
        assertEquals(1, results.size());
        assertTrue(results.get(0).isOK());
        assertTrue(timeouts.isEmpty(), "the rest's timeout is cancelled");
    }

    @Test
    void aSecondDirectFrameWaitsForTheFirstsRest() throws IOException {
        undertowWrites(bytes("[a]"));
        socket.room = 2;
        assertEquals(Offer.PENDING, offer("[one]"));

        assertEquals(Offer.BUSY, offer("[two]"));
    }

    @Test
    void withNobodyWaitingTheSocketIsNotWatched() throws IOException {
        undertowWrites(bytes("[a]"));
        socket.room = 2;
        offer("[direct]");
        conduit.suspendWrites();
        assertTrue(socket.resumed, "Undertow's suspend leaves the rest's wait alone");

        socket.room = Integer.MAX_VALUE;
        socket.ready();

        assertFalse(socket.resumed, "once the rest is out and Undertow wants nothing");
        assertEquals(0, upper.readies);
    }

    @Test
    void undertowsWishToWriteCarriesOverWhenTheConduitIsPutIn() {
        FakeSocket waiting = new FakeSocket();
        waiting.resumed = true;
        UpperHandler handler = new UpperHandler();
        new DirectFrameConduit(waiting, handler, () -> { }, (millis, task) -> () -> { });

        waiting.ready();

        assertEquals(1, handler.readies);
        assertTrue(waiting.resumed);
    }

    @Test
    void aRestNotWrittenInTimeFailsItsWriteAndClosesTheConnection() throws IOException {
        undertowWrites(bytes("[a]"));
        socket.room = 2;
        offer("[direct]");
        assertEquals(1, timeouts.size());

        timeouts.get(0).run();

        assertEquals(1, results.size());
        assertTrue(results.get(0).getException() instanceof SocketTimeoutException);
        assertEquals(1, connectionCloses);
        assertEquals(Offer.BUSY, offer("[next]"), "nothing may follow a half-written frame");
    }

    @Test
    void aShutStreamFailsThePendingRestAndTakesNoMoreDirectFrames() throws IOException {
        undertowWrites(bytes("[a]"));
        socket.room = 2;
        offer("[direct]");

        conduit.truncateWrites();

        assertEquals(1, results.size());
        assertTrue(results.get(0).getException() instanceof ClosedChannelException);
        assertTrue(socket.terminated);
        assertEquals(Offer.BUSY, offer("[next]"));
    }

    @Test
    void aClosedSocketFailsThePendingRestAndIsPassedOn() throws IOException {
        undertowWrites(bytes("[a]"));
        socket.room = 2;
        offer("[direct]");

        socket.handler.terminated();

        assertEquals(1, results.size());
        assertFalse(results.get(0).isOK());
        assertEquals(1, upper.terminations);
    }

    @Test
    void aFrameOfferedFromTheRestsReportIsWrittenThen() throws IOException {
        undertowWrites(bytes("[a]"));
        socket.room = 2;
        conduit.offer(bytes("[one]"), result -> {
            try {
                results.add(result);
                assertEquals(Offer.WRITTEN, offer("[two]"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, 0);

        socket.room = Integer.MAX_VALUE;
        socket.ready();

        assertEquals("[a][one][two]", socket.text());
        assertTrue(timeouts.isEmpty(), "a timeout of 0 schedules none");
    }

    @Test
    void aFinalWriteOfUndertowsShutsTheStream() throws IOException {
        undertowWrites(bytes("[a]"));
        conduit.writeFinal(bytes("[close]"));

        assertTrue(socket.terminated);
        assertEquals(Offer.BUSY, offer("[direct]"));
        assertArrayEquals("[a][close]".getBytes(StandardCharsets.UTF_8), socket.written.toByteArray());
    }

    @Test
    void aHandlerSetLaterReceivesTheReadiness() throws IOException {
        UpperHandler later = new UpperHandler();
        conduit.setWriteReadyHandler(later);
        conduit.resumeWrites();

        socket.ready();

        assertEquals(0, upper.readies);
        assertEquals(1, later.readies);
    }

    /** What Undertow's channel would do with the socket's readiness: count it. */
    private static final class UpperHandler implements WriteReadyHandler {
        int readies;
        int terminations;

        @Override
        public void writeReady() {
            readies++;
        }

        @Override
        public void forceTermination() {
        }

        @Override
        public void terminated() {
            terminations++;
        }
    }

    /** A socket that takes at most {@code room} bytes until given more, and remembers them. */
    private static final class FakeSocket implements StreamSinkConduit {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        int room = Integer.MAX_VALUE;
        boolean resumed;
        boolean terminated;
        WriteReadyHandler handler;

        String text() {
            return written.toString(StandardCharsets.UTF_8);
        }

        /** The selector's report that the socket may take bytes, if anyone asked for it. */
        void ready() {
            if (resumed) {
                handler.writeReady();
            }
        }

        @Override
        public int write(ByteBuffer src) {
            int n = Math.min(room, src.remaining());
            for (int i = 0; i < n; i++) {
                written.write(src.get());
            }
            room -= n;
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offs, int len) {
            long n = 0;
            for (int i = offs; i < offs + len; i++) {
                n += write(srcs[i]);
            }
            return n;
        }

        @Override
        public int writeFinal(ByteBuffer src) {
            return write(src);
        }

        @Override
        public long writeFinal(ByteBuffer[] srcs, int offset, int length) {
            return write(srcs, offset, length);
        }

        @Override
        public long transferFrom(FileChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void terminateWrites() {
            terminated = true;
        }

        @Override
        public boolean isWriteShutdown() {
            return terminated;
        }

        @Override
        public void resumeWrites() {
            resumed = true;
        }

        @Override
        public void suspendWrites() {
            resumed = false;
        }

        @Override
        public void wakeupWrites() {
            resumed = true;
        }

        @Override
        public boolean isWriteResumed() {
            return resumed;
        }

        @Override
        public void awaitWritable() {
        }

        @Override
        public void awaitWritable(long time, TimeUnit timeUnit) {
        }

        @Override
        public XnioIoThread getWriteThread() {
            return null;
        }

        @Override
        public void setWriteReadyHandler(WriteReadyHandler handler) {
            this.handler = handler;
        }

        @Override
        public void truncateWrites() {
            terminated = true;
        }

        @Override
        public boolean flush() {
            return true;
        }

        @Override
        public XnioWorker getWorker() {
            return null;
        }
    }
}
