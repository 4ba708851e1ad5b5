package io.quotecast.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One validated price from a feed: syntax already checked, catalog not yet.
 * {@code volume} is the day's cumulative volume when the feed sends one; {@code sourceSeq} is the
 * feed's own per-symbol sequence when it sends one, used to refuse duplicates and reordering.
 */
public record PriceTick(String symbol, BigDecimal price, OptionalLong volume, OptionalLong sourceSeq, Instant time) {
}
