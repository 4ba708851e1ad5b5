package io.quotecast.security;

/**
 * One address's allowance of failed logins: {@code perMinute} at once, given back at that rate.
 * Time is passed in (nanoseconds) so tests need no clock; synchronized because requests from
 * one address run on several threads.
 */
final class FailureBudget {

    private final double capacity;
    private final double perNano;
    private double left;
    private long last;

    FailureBudget(int perMinute, long nowNanos) {
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.left = capacity;
        this.last = nowNanos;
    }

    /** 0 if a failure is still allowed, else the nanoseconds until one is. */
    synchronized long nanosToWait(long nowNanos) {
        refill(nowNanos);
        return left >= 1 ? 0 : (long) Math.ceil((1 - left) / perNano);
    }

    synchronized void spend(long nowNanos) {
        refill(nowNanos);
        left = Math.max(0, left - 1);
    }

    /** Whole again: the address has nothing left to remember. */
    synchronized boolean whole(long nowNanos) {
        refill(nowNanos);
        return left >= capacity;
    }

    private void refill(long nowNanos) {
        left = Math.min(capacity, left + Math.max(0, nowNanos - last) * perNano);
        last = nowNanos;
    }
}
