package io.quotecast.push;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sweeps every session once per interval announced in welcome, on the container's managed
 * scheduler (no thread of our own), from application start to undeploy: one slice of the
 * sessions per second, each slice in turn ({@link Sessions#sweep(long, int, int)}), so that the
 * pings and their pongs are spread over the interval rather than all at once.
 */
@ApplicationScoped
public class Heartbeats {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Sessions sessions;

    @Inject
    PushSettings settings;

    private ScheduledFuture<?> task;
    /** The slice the next beat sweeps; only the scheduler's one running beat touches it. */
    private int slice;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Fixed delay, not fixed rate: a server that fell behind must not catch up with sweeps back
        // to back, each pinging again and counting the pings its busy self has not yet heard answered.
        task = scheduler.scheduleWithFixedDelay(this::beat, 1, 1, TimeUnit.SECONDS);
    }

    private void beat() {
        int slices = settings.heartbeatSeconds();
        try {
            sessions.sweep(System.nanoTime(), slice, slices);
        } catch (RuntimeException e) {
            // An exception would cancel the schedule, and with it every future heartbeat.
            LOG.log(Level.WARNING, "Heartbeat sweep of slice " + slice + " failed; the next slice in 1 s", e);
        } finally {
            slice = (slice + 1) % slices;
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
