package io.quotecast.status;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import io.quotecast.fallback.PollWaiters;
import io.quotecast.fallback.SseStreams;
import io.quotecast.guard.ConnectionSlots;
import io.quotecast.push.Sessions;

/**
 * Takes this node out of service before it is stopped: readiness ({@code /api/health}) turns
 * false at once, so the load balancer's next health checks stop sending new clients here; then,
 * after {@code quotecast.drain.delay-seconds} (longer than the balancer needs to notice), every
 * held poll is answered, and every WebSocket session is closed with 1001 Going Away and every SSE
 * stream ended, spread over {@code quotecast.drain.spread-seconds} ({@link ClosingPlan}), so their
 * clients reconnect through the balancer to other nodes at a pace those can take. From the start, the node
 * refuses new sessions (503), so that a client its balancer still sends here goes elsewhere on its
 * next try rather than stay. One-way: a drained node stays out until it restarts. Runs the closing
 * on the container's scheduler.
 */
@ApplicationScoped
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class.getName());

    private static final String WHY = "Node is draining: reconnect";

    private final AtomicBoolean draining = new AtomicBoolean();

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    DrainSettings settings;

    @Inject
    Sessions sessions;

    @Inject
    SseStreams streams;

    @Inject
    PollWaiters polls;

    @Inject
    ConnectionSlots slots;

    /** Starts draining; false if it had already started. */
    public boolean start() {
        if (!draining.compareAndSet(false, true)) {
            return false;
        }
        slots.closeToNewSessions();
        sessions.stopPinging();
        int delay = settings.delaySeconds();
        LOG.info(() -> "Draining: not ready from now on; closing every session with 1001 in " + delay + " s");
        scheduler.schedule(this::closeEveryone, delay, TimeUnit.SECONDS);
        return true;
    }

    public boolean draining() {
        return draining.get();
    }

    public int delaySeconds() {
        return settings.delaySeconds();
    }

    public int spreadSeconds() {
        return settings.spreadSeconds();
    }

    private void closeEveryone() {
        polls.answerAll();
        List<String> sockets = sessions.ids();
        List<String> sse = streams.ids();
        ClosingPlan plan = ClosingPlan.of(sockets, sse, settings.spreadSeconds());
        LOG.info(() -> "Drained: closing " + sockets.size() + " WebSocket sessions and " + sse.size()
                + " SSE streams over " + plan.lastMillis() + " ms");
        for (ClosingPlan.Slice slice : plan.slices()) {
            if (slice.atMillis() == 0) {
                close(slice);
            } else {
                scheduler.schedule(() -> close(slice), slice.atMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void close(ClosingPlan.Slice slice) {
        if (slice.last()) {
            sessions.goingAway(WHY);
            streams.endAll(WHY);
        } else {
            sessions.goingAway(WHY, slice.sockets());
            streams.end(WHY, slice.streams());
        }
    }
}
