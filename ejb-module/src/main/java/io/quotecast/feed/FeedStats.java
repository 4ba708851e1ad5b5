package io.quotecast.feed;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What the feed delivered and what was refused, by reason. Updated by the MDB, read by /api/stats. */
@ApplicationScoped
public class FeedStats {

    private final LongAdder received = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final Map<FeedRejection, LongAdder> rejected = new EnumMap<>(FeedRejection.class);
    private final AtomicReference<Instant> lastAccepted = new AtomicReference<>();
    private final LongAdder snapshotApplied = new LongAdder();

    public FeedStats() {
        for (FeedRejection reason : FeedRejection.values()) {
            rejected.put(reason, new LongAdder());
        }
    }

    void received() {
        received.increment();
    }

    void accepted(Instant when) {
        accepted.increment();
        lastAccepted.set(when);
    }

    void snapshotApplied() {
        snapshotApplied.increment();
    }

    /** Quotes taken from the broker's last-value queue at start (see {@code SnapshotLoader}). */
    public long snapshotCount() {
        return snapshotApplied.sum();
    }

    void rejected(FeedRejection reason) {
        rejected.get(reason).increment();
    }

    public long receivedCount() {
        return received.sum();
    }

    public long acceptedCount() {
        return accepted.sum();
    }

    public long rejectedCount() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> rejectedByReason() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        rejected.forEach((reason, count) -> counts.put(reason.name(), count.sum()));
        return counts;
    }

    /** When the feed last delivered a price that was applied; null before the first. */
    public Instant lastAcceptedAt() {
        return lastAccepted.get();
    }
}
