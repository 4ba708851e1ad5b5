package io.quotecast.feed;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Once a second, on a container timer, asks {@link FeedStatus} whether the feed has gone quiet. */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FeedWatchdog {

    private static final Logger LOG = Logger.getLogger(FeedWatchdog.class.getName());

    @Inject
    FeedStatus status;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "feed-watchdog")
    void check() {
        boolean wasStale = status.stale();
        try {
            status.check(Instant.now());
        } catch (RuntimeException e) {
            // A failing observer must not cost the timer (the container would retry, then give up).
            LOG.log(Level.WARNING, "Feed status check failed", e);
        }
        if (!wasStale && status.stale()) {
            LOG.warning(() -> "Feed is stale: no price for over " + status.staleAfter().toSeconds()
                    + " s; clients are told (status message) and sessions stay open");
        }
    }
}
