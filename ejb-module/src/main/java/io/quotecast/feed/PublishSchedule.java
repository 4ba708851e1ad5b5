package io.quotecast.feed;

/**
 * How many prices are due at a given moment to keep a steady rate, whatever the timer's
 * jitter: the count follows elapsed time, and the fraction left over carries to the next call.
 * A long stall (more than a second) is not made up for in one burst. Open-loop: a slow consumer
 * does not slow the schedule down. Not thread-safe. Public because the benchmark's peers (bench/)
 * feed themselves on the very same schedule as the simulated feed.
 */
public final class PublishSchedule {

    private static final long MAX_CATCH_UP_NANOS = 1_000_000_000L;

    private final double perNano;
    private long last;
    private double carry;

    public PublishSchedule(double perSecond, long startNanos) {
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
