package io.quotecast.publisher;

import java.math.BigDecimal;
import java.util.OptionalLong;

/** One price to send, {@code dueNanos} after the publisher started. */
public record Planned(long dueNanos, String symbol, BigDecimal price, OptionalLong volume) {
}
