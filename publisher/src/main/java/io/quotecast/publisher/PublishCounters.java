package io.quotecast.publisher;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the publisher did: prices sent, sends that started late (more than the late bound after
 * their slot: the broker or this machine could not keep the schedule), the worst lateness, and
 * sends that failed. Written by the publishing thread, read by whoever reports.
 */
public final class PublishCounters {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong maxLateNanos = new AtomicLong();

    void sent() {
        sent.incrementAndGet();
    }

    void late(long byNanos) {
        late.incrementAndGet();
        maxLateNanos.accumulateAndGet(byNanos, Math::max);
    }

    void failed() {
        failed.incrementAndGet();
    }

    public long sentCount() {
        return sent.get();
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

    /** One line for a person or a script: {@code sent=1000 late=3 maxLateMs=41 failed=0}. */
    public String line() {
        return "sent=" + sentCount() + " late=" + lateCount() + " maxLateMs=" + maxLateMillis() + " failed=" + failedCount();
    }
}
