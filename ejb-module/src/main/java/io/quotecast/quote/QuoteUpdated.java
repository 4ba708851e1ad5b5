package io.quotecast.quote;

/**
 * Fired (synchronously, on the feed's delivery thread) after the last-value cache accepted a new
 * quote. This is how the feed side tells the push side without depending on it.
 *
 * <p>Observers must never throw: CDI stops notifying the remaining observers of a synchronous
 * event at the first exception, so one failing observer would starve the WebSocket fan-out.
 */
public record QuoteUpdated(Quote quote) {
}
