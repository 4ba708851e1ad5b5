package io.quotecast.quote;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The latest state of one symbol as every transport shows it. {@code change} and
 * {@code changePercent} are against the instrument's previous close; {@code seq} strictly
 * increases per symbol on this node; {@code time} is when the feed priced it (UTC, milliseconds).
 */
@JsonbPropertyOrder({"symbol", "price", "change", "changePercent", "volume", "seq", "time"})
public record Quote(
        String symbol,
        BigDecimal price,
        BigDecimal change,
        BigDecimal changePercent,
        long volume,
        long seq,
        @JsonbTypeAdapter(UtcMillis.class) Instant time) {
}
