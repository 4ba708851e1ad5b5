package io.quotecast.bench.load;

import java.time.Duration;

/**
 * Live connections lost over a stretch of time (by a reconnecting generator): how many, and when
 * the first and the last were noticed ({@link System#nanoTime()}). A killed node's clients are lost
 * within a moment; a drained node's over the spread of its closes.
 */
public record Losses(int count, long firstNanos, long lastNanos) {

    static final Losses NONE = new Losses(0, 0, 0);

    /** From the first loss to the last. */
    public Duration span() {
        return count == 0 ? Duration.ZERO : Duration.ofNanos(lastNanos - firstNanos);
    }

    Losses and(long nanos) {
        return count == 0 ? new Losses(1, nanos, nanos)
                : new Losses(count + 1, Math.min(firstNanos, nanos), Math.max(lastNanos, nanos));
    }
}
