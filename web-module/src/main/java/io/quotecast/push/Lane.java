package io.quotecast.push;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A container I/O thread as a place to run writes ({@link LaneBatch}), with a bound on the work
 * waiting for it. The feed must not outrun the threads that write: without the bound, a server
 * short of CPU would pile up tasks (each holding a frame) in the I/O threads' queues without
 * limit, and every other task of those threads (replies, pings) would wait behind them. With it,
 * the feed's thread waits for room, so the backlog stays in the broker, where the feed's
 * messages queue anyway when the server is slower than the feed. Shared by every session on the
 * thread; any thread.
 */
final class Lane {

    /** Updates that may wait for one I/O thread; a handful of ticks of a busy feed. */
    static final int MAX_WAITING = 16;
    /** How long an offer waits for room before the caller writes the update itself. */
    static final long PATIENCE_MILLIS = 1_000;

    private final Executor thread;
    private final int maxWaiting;
    private final long patienceMillis;
    private final Semaphore room;

    Lane(Executor thread) {
        this(thread, MAX_WAITING, PATIENCE_MILLIS);
    }

    Lane(Executor thread, int maxWaiting, long patienceMillis) {
        this.thread = thread;
        this.maxWaiting = maxWaiting;
        this.patienceMillis = patienceMillis;
        this.room = new Semaphore(maxWaiting);
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
