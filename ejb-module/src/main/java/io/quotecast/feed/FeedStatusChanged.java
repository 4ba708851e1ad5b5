package io.quotecast.feed;

import java.time.Instant;

/**
 * The feed went stale (no price for longer than the bound; {@code since} is the last price) or
 * live again ({@code since} is the first price after the silence). Fired once per change, as a
 * CDI event; observers must not throw.
 */
public record FeedStatusChanged(boolean stale, Instant since) {

    /** The protocol's word for it: {@code "stale"} or {@code "live"}. */
    public String feed() {
        return stale ? "stale" : "live";
    }
}
