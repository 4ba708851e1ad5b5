package io.quotecast.push;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wakes the outboxes whose paced quotes ({@code maxRate}, docs/protocol.md) have come due. An
 * outbox that holds a quote it may not send yet, and has nothing else to write, registers here;
 * every {@link #TICK_MILLIS} the container's managed scheduler (no thread of our own) runs
 * {@link #tick}, which lets each due outbox write its newest quotes. One tick task for the whole
 * server, whatever the number of sessions; the set holds only outboxes that wait, each once.
 */
@ApplicationScoped
public class Pacer {

    /** The pacing resolution: a paced quote leaves at most this late after it is due. */
    public static final long TICK_MILLIS = 10;

    private static final Logger LOG = Logger.getLogger(Pacer.class.getName());

    private final Set<Outbox> waiting = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> task;

    @Resource
    ManagedScheduledExecutorService scheduler;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        start(scheduler);
    }

    /** Starts ticking on {@code executor} (the managed scheduler in the server; tests bring their own). */
    public synchronized void start(ScheduledExecutorService executor) {
        if (task == null) {
            task = executor.scheduleAtFixedRate(this::safeTick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Called by an outbox (under its lock) that holds a quote due later; idempotent. */
    void await(Outbox outbox) {
        waiting.add(outbox);
    }

    /** Wakes every waiting outbox whose earliest paced quote is due at {@code nowNanos}. */
    public void tick(long nowNanos) {
        for (Outbox outbox : waiting) {
            if (outbox.isDue(nowNanos)) {
                waiting.remove(outbox);
                outbox.wake();
            }
        }
    }

    int waitingCount() {
        return waiting.size();
    }

    private void safeTick() {
        try {
            tick(System.nanoTime());
        } catch (RuntimeException e) {
            // An exception would cancel the schedule, and with it every paced quote from now on.
            LOG.log(Level.WARNING, "Pacer tick failed; next one in " + TICK_MILLIS + " ms", e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        waiting.clear();
    }
}
