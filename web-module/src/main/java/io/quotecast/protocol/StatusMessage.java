package io.quotecast.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

import java.time.Instant;

import io.quotecast.feed.FeedStatusChanged;
import io.quotecast.quote.UtcMillis;

/**
 * The feed's status changed: {@code "stale"} (no price for longer than the server's bound; every
 * price shown may be out of date, the session stays open) or {@code "live"} again. {@code since}
 * is the last price before the silence, or the first after it.
 */
@JsonbPropertyOrder({"type", "feed", "since"})
public record StatusMessage(String type, String feed, @JsonbTypeAdapter(UtcMillis.class) Instant since) {

    public StatusMessage(String feed, Instant since) {
        this("status", feed, since);
    }

    public static StatusMessage of(FeedStatusChanged status) {
        return new StatusMessage(status.feed(), status.since());
    }
}
