package io.quotecast.guard;

/**
 * A token bucket: {@code capacity} messages at once, refilled at {@code perSecond}. Time is
 * passed in (nanoseconds) so tests need no clock. Used from one session's message thread at a
 * time; synchronized because containers do not all promise that.
 */
public final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    public TokenBucket(int capacity, int perSecond, long nowNanos) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    public synchronized boolean tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + Math.max(0, nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
