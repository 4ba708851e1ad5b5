package io.quotecast.bench.load;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the generator's clients come back when a connection they did not close ends (a node
 * killed or drained, a refused handshake): after {@code min(max, initial × factor^n)} scaled by
 * a random factor in {@code [1 − jitter, 1]}, n counting the failed tries since the client was
 * last subscribed; the browser client's own policy (docs/client.md, {@code backoff}). A client
 * learns which node answered its handshake from the response header {@code nodeHeader} (the
 * balancer's), when there is one.
 */
public record Reconnecting(Duration initial, Duration max, double factor, double jitter, String nodeHeader) {

    public Reconnecting {
        if (initial.isNegative() || max.compareTo(initial) < 0 || factor < 1 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("Invalid reconnection: " + this);
        }
    }

    /** The page's defaults ({@code {initialMs: 500, maxMs: 30000, factor: 2, jitter: 0.5}}). */
    public static Reconnecting likeThePage(String nodeHeader) {
        return new Reconnecting(Duration.ofMillis(500), Duration.ofSeconds(30), 2, 0.5, nodeHeader);
    }

    /** The wait before try {@code attempt} (0 for the first after a loss). */
    long delayMillis(int attempt) {
        double base = Math.min(max.toMillis(), initial.toMillis() * Math.pow(factor, Math.min(attempt, 30)));
        return Math.round(base * (1 - jitter * ThreadLocalRandom.current().nextDouble()));
    }
}
