package io.quotecast.push;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wakes the outboxes whose paced symbols ({@code maxRate}, docs/protocol.md) have come due, so
 * that they take the newest quotes from {@link #latest()}. Every outbox with a paced subscription
 * is tracked here; while any is, the container's managed scheduler (no thread of our own) runs
 * {@link #tick} every {@link #TICK_MILLIS}, which reads each tracked outbox's next due time
 * without locking it and wakes those that are due, one task per I/O thread ({@link LaneBatch}),
 * none whose last wake has not run yet ({@link Outbox#claimWake}).
 * At most one tick is scheduled at a time for the whole server, whatever the number of sessions,
 * and none at all while no session paces anything.
 */
@ApplicationScoped
public class Pacer {

    /** The pacing resolution: a paced quote leaves at most this late after it is due. */
    public static final long TICK_MILLIS = 10;

    private static final Logger LOG = Logger.getLogger(Pacer.class.getName());

    private final LatestFrames latest = new LatestFrames();
    private final Set<Outbox> tracked = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        start(scheduler);
    }

    /** Ticks on {@code executor} from now on (the managed scheduler in the server; tests bring their own). */
    public void start(ScheduledExecutorService executor) {
        this.executor = executor;
        if (!tracked.isEmpty()) {
            scheduleTick();
        }
    }

    /** The newest quote of each symbol, which the fan-out fills and paced outboxes take from. */
    public LatestFrames latest() {
        return latest;
    }

    /** Called by an outbox that has a paced subscription; idempotent. */
    void track(Outbox outbox) {
        tracked.add(outbox);
        scheduleTick();
    }

    /** Called by an outbox that paces nothing any more, or is closed. */
    void untrack(Outbox outbox) {
        tracked.remove(outbox);
    }

    /** One tick in {@link #TICK_MILLIS}, unless one is scheduled already or the pacer is not started. */
    private void scheduleTick() {
        ScheduledExecutorService ticks = executor;
        if (ticks == null || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            ticks.schedule(this::safeTick, TICK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down: the sessions are being closed, nothing is left to pace.
            scheduled.set(false);
        }
    }

    /** Wakes every tracked outbox that has a paced symbol due at {@code nowNanos}. */
    public void tick(long nowNanos) {
        LaneBatch wakes = new LaneBatch();
        Consumer<Outbox> wake = Outbox::wake;
        for (Outbox outbox : tracked) {
            if (outbox.isDue(nowNanos) && outbox.claimWake()) {
                wakes.add(outbox, wake);
            }
        }
        wakes.dispatch();
    }

    int trackedCount() {
        return tracked.size();
    }

    private void safeTick() {
        try {
            tick(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Pacer tick failed; next one in " + TICK_MILLIS + " ms", e);
        } finally {
            // Cleared before looking, so an outbox tracked meanwhile schedules the next tick itself.
            scheduled.set(false);
            if (!tracked.isEmpty()) {
                scheduleTick();
            }
        }
    }

    @PreDestroy
    void stop() {
        executor = null;
        tracked.clear();
    }
}
