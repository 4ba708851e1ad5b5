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
 * Wakes the outboxes whose paced quotes ({@code maxRate}, docs/protocol.md) have come due. An
 * outbox that holds a quote it may not send yet, and has nothing else to write, registers here;
 * while any outbox waits, the container's managed scheduler (no thread of our own) runs
 * {@link #tick} every {@link #TICK_MILLIS}, which lets each due outbox write its newest quotes.
 * At most one tick is scheduled at a time for the whole server, whatever the number of sessions,
 * and none at all while nobody waits (no wake-ups on a server where no client uses
 * {@code maxRate}, none during shutdown once the sessions are gone). The set holds only outboxes
 * that wait, each once.
 */
@ApplicationScoped
public class Pacer {

    /** The pacing resolution: a paced quote leaves at most this late after it is due. */
    public static final long TICK_MILLIS = 10;

    private static final Logger LOG = Logger.getLogger(Pacer.class.getName());

    private final Set<Outbox> waiting = ConcurrentHashMap.newKeySet();
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
        if (!waiting.isEmpty()) {
            scheduleTick();
        }
    }

    /** Called by an outbox (under its lock) that holds a quote due later; idempotent. */
    void await(Outbox outbox) {
        waiting.add(outbox);
        scheduleTick();
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

    /** Wakes every waiting outbox whose earliest paced quote is due at {@code nowNanos}. */
    public void tick(long nowNanos) {
        LaneBatch wakes = new LaneBatch();
        Consumer<Outbox> wake = Outbox::wake;
        for (Outbox outbox : waiting) {
            if (outbox.isDue(nowNanos)) {
                waiting.remove(outbox);
                wakes.add(outbox, wake);
            }
        }
        wakes.dispatch();
    }

    int waitingCount() {
        return waiting.size();
    }

    private void safeTick() {
        try {
            tick(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Pacer tick failed; next one in " + TICK_MILLIS + " ms", e);
        } finally {
            // Cleared before looking, so an outbox that registers meanwhile schedules the next tick itself.
            scheduled.set(false);
            if (!waiting.isEmpty()) {
                scheduleTick();
            }
        }
    }

    @PreDestroy
    void stop() {
        executor = null;
        waiting.clear();
    }
}
