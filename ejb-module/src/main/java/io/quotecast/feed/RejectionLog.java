package io.quotecast.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs feed rejections without letting a misbehaving feed flood the log: at most one line per
 * reason per interval, saying how many were suppressed since. Every rejection is still counted
 * by {@link FeedStats}. Thread-safe: {@link #log} is synchronized, it runs once per rejection only.
 */
final class RejectionLog {

    private static final Logger LOG = Logger.getLogger(PriceFeedListener.class.getName());

    private final Clock clock;
    private final Duration interval;
    private final Map<FeedRejection, Instant> lastLogged = new EnumMap<>(FeedRejection.class);
    private final Map<FeedRejection, Integer> suppressed = new EnumMap<>(FeedRejection.class);

    RejectionLog(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** Returns true when a line was written. */
    synchronized boolean log(FeedRejection reason, String detail) {
        Instant now = clock.instant();
        Instant last = lastLogged.get(reason);
        if (last != null && now.isBefore(last.plus(interval))) {
            suppressed.merge(reason, 1, Integer::sum);
            return false;
        }
        int skipped = suppressed.getOrDefault(reason, 0);
        suppressed.remove(reason);
        lastLogged.put(reason, now);
        LOG.log(Level.WARNING, "Feed message rejected ({0}): {1}{2}", new Object[] {
                reason, detail, skipped == 0 ? "" : " [" + skipped + " more " + reason + " since the last line]"});
        return true;
    }
}
