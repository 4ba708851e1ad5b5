package io.quotecast.bench;

/**
 * How many updates are due at a given moment to keep a steady rate whatever the timer's jitter,
 * the way Quotecast's simulated feed counts them (ejb-module {@code PublishSchedule}): the count
 * follows elapsed time and the fraction left over carries to the next call. Open-loop: a slow
 * server does not slow the feed down. A stall of more than a second is not made up in one burst.
 * Not thread-safe: one feed thread calls it.
 */
public final class OpenLoopSchedule {

    private static final long MAX_CATCH_UP_NANOS = 1_000_000_000L;

    private final double perNano;
    private long last;
    private double carry;

    public OpenLoopSchedule(double perSecond, long startNanos) {
        this.perNano = perSecond / 1e9;
        this.last = startNanos;
    }

    public int due(long nowNanos) {
        long elapsed = Math.min(Math.max(0, nowNanos - last), MAX_CATCH_UP_NANOS);
        last = nowNanos;
        carry += elapsed * perNano;
        int count = (int) carry;
        carry -= count;
        return count;
    }
}
