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
 * Runs {@link Sessions#sweep} on the interval announced in welcome, on the container's managed
 * scheduler (no thread of our own), from application start to undeploy.
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

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        int seconds = settings.heartbeatSeconds();
        // Fixed delay, not fixed rate: a server that fell behind must not catch up with sweeps back
        // to back, each pinging again and counting the pings its busy self has not yet heard answered.
        task = scheduler.scheduleWithFixedDelay(this::beat, seconds, seconds, TimeUnit.SECONDS);
    }

    private void beat() {
        try {
            sessions.sweep();
        } catch (RuntimeException e) {
            // An exception would cancel the schedule, and with it every future heartbeat.
            LOG.log(Level.WARNING, "Heartbeat sweep failed; next one in " + settings.heartbeatSeconds() + " s", e);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
