package io.quotecast.push;

/**
 * How late the server hears its peers. Every heartbeat ping carries the time it was sent and a
 * peer's pong echoes it, so the round trip measured when the pong is handled includes the time
 * the pong waited inside the server for a thread (on WildFly, in the worker pool behind
 * handshakes and messages). A healthy server hears pongs within milliseconds; one that is
 * minutes behind hears them minutes late, and without this would take its clients' silence for
 * death. Kept as the slowest round trip heard in each heartbeat interval of the clock (not of the
 * sweeps: a sweep that runs late, or several that run back to back, forget nothing), over the
 * last few; never more than {@code cap}, so a peer that echoes an old ping late can only delay
 * verdicts by that much. Any thread.
 */
final class HearingLag {

    private final long interval;
    private final long cap;
    private final long[] slowest;
    /** Which interval of the clock each slot holds. */
    private final long[] slotInterval;

    /**
     * Remembers the last {@code intervals} intervals of {@code intervalNanos}; no round trip
     * counts for more than {@code capNanos}.
     */
    HearingLag(long intervalNanos, int intervals, long capNanos) {
        this.interval = intervalNanos;
        this.cap = capNanos;
        this.slowest = new long[intervals];
        this.slotInterval = new long[intervals];
        java.util.Arrays.fill(slotInterval, Long.MIN_VALUE);
    }

    /** A pong, heard at {@code nowNanos}, answering a ping sent {@code roundTripNanos} earlier. */
    synchronized void record(long roundTripNanos, long nowNanos) {
        long clamped = Math.min(Math.max(roundTripNanos, 0), cap);
        long current = Math.floorDiv(nowNanos, interval);
        int slot = (int) Math.floorMod(current, slowest.length);
        if (slotInterval[slot] != current) {
            slotInterval[slot] = current;
            slowest[slot] = 0;
        }
        slowest[slot] = Math.max(slowest[slot], clamped);
    }

    /** The slowest round trip heard in the intervals remembered, up to {@code nowNanos}. */
    synchronized long at(long nowNanos) {
        long current = Math.floorDiv(nowNanos, interval);
        long max = 0;
        for (int i = 0; i < slowest.length; i++) {
            if (slotInterval[i] != Long.MIN_VALUE && current - slotInterval[i] < slowest.length) {
                max = Math.max(max, slowest[i]);
            }
        }
        return max;
    }
}
