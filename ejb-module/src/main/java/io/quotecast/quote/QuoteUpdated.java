package io.quotecast.quote;

/**
 * Fired (synchronously, on the feed's delivery thread) after the last-value cache accepted a new
 * quote. This is how the feed side tells the push side without depending on it.
 */
public record QuoteUpdated(Quote quote) {
}
