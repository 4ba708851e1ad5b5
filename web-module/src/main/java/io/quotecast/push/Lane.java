package io.quotecast.push;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A container I/O thread as a place to run writes ({@link LaneBatch}), with at most one of our
 * tasks queued there at a time. XNIO's I/O thread runs queued tasks until none is left before it
 * selects, that is before it reads its sockets: a queue we kept full (16 waiting tasks, or one
 * hand-off per frame as the fan-out made before it had lanes) starved its reads for minutes on an
 * overloaded server, and with them the pongs of every client on that thread, which the heartbeat
 * then closed as dead (docs/hardening.md). With one task at a time the thread finds its queue
 * empty after each of ours and gets back to its sockets. The fan-out waits for the room (up to a
 * second, then writes the update itself): it runs on its own thread and the feed is conflated
 * ahead of it, so nothing else waits. Shared by every session on the thread; any thread.
 */
final class Lane {

    /** Our tasks that may be queued on one I/O thread at once (see above: more starves its reads). */
    static final int MAX_WAITING = 1;
    /** How long an offer waits for room before the caller writes the update itself. */
    static final long PATIENCE_MILLIS = 1_000;

    private final Executor thread;
    private final int maxWaiting;
    private final long patienceMillis;
    private final Semaphore room;
    private final FrameBytes frameBytes;

    Lane(Executor thread) {
        this(thread, MAX_WAITING, PATIENCE_MILLIS);
    }

    Lane(Executor thread, int maxWaiting, long patienceMillis) {
        this.thread = thread;
        this.maxWaiting = maxWaiting;
        this.patienceMillis = patienceMillis;
        this.room = new Semaphore(maxWaiting);
        this.frameBytes = new FrameBytes(thread instanceof Thread owner ? owner : null);
    }

    /** The frames encoded on this thread ({@link UndertowTransport}). */
    FrameBytes frameBytes() {
        return frameBytes;
    }

    /**
     * Runs {@code task} on the thread, waiting (bounded) while {@code maxWaiting} tasks are
     * queued there already; false when it could not be handed over (no room in time, the thread
     * shutting down, or the caller interrupted): the caller then runs it itself.
     */
    boolean run(Runnable task) {
        try {
            if (!room.tryAcquire(patienceMillis, TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } finally {
                    room.release();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            room.release();
            return false;
        }
    }

    /** Tasks queued on the thread now (for tests and diagnostics). */
    int waiting() {
        return maxWaiting - room.availablePermits();
    }
}
