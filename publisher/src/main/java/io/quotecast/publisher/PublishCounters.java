package io.quotecast.publisher;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the publisher did: prices sent and the messages that carried them, prices sent late (more
 * than the late bound after their slot: the broker or this machine could not keep the schedule),
 * the worst lateness, prices whose message failed, and snapshot copies that failed (the price
 * itself went out; a starting node may miss it until the symbol's next one). Written by the
 * publishing thread, read by whoever reports.
 */
public final class PublishCounters {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong snapshotFailed = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong maxLateNanos = new AtomicLong();

    void sent(int prices) {
        sent.addAndGet(prices);
        messages.incrementAndGet();
    }

    void late(long byNanos) {
        late.incrementAndGet();
        maxLateNanos.accumulateAndGet(byNanos, Math::max);
    }

    void failed(int prices) {
        failed.addAndGet(prices);
    }

    void snapshotFailed() {
        snapshotFailed.incrementAndGet();
    }

    public long sentCount() {
        return sent.get();
    }

    public long messageCount() {
        return messages.get();
    }

    public long snapshotFailedCount() {
        return snapshotFailed.get();
    }

    public long lateCount() {
        return late.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public long maxLateMillis() {
        return maxLateNanos.get() / 1_000_000;
    }

    /**
     * One line for a person or a script:
     * {@code sent=1000 messages=50 late=3 maxLateMs=41 failed=0 snapshotFailed=0}.
     */
    public String line() {
        return "sent=" + sentCount() + " messages=" + messageCount() + " late=" + lateCount() + " maxLateMs="
                + maxLateMillis() + " failed=" + failedCount() + " snapshotFailed=" + snapshotFailedCount();
    }
}
