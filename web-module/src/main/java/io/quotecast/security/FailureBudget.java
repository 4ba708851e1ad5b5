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

    /**
     * Takes one failure's worth before a check, so that concurrent checks cannot all pass on the
     * last one: 0 if taken, else the nanoseconds until one can be.
     */
    synchronized long tryReserve(long nowNanos) {
        refill(nowNanos);
        if (left >= 1) {
            left -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - left) / perNano);
    }

    /** Gives a reservation back: the credentials were right. */
    synchronized void refund(long nowNanos) {
        refill(nowNanos);
        left = Math.min(capacity, left + 1);
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
