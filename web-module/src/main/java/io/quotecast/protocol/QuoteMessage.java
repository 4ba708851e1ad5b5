package io.quotecast.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

import java.math.BigDecimal;
import java.time.Instant;

import io.quotecast.quote.Quote;
import io.quotecast.quote.UtcMillis;

/** One live update: the {@link Quote} fields, flat, after the type. */
@JsonbPropertyOrder({"type", "symbol", "price", "change", "changePercent", "volume", "seq", "time"})
public record QuoteMessage(
        String type,
        String symbol,
        BigDecimal price,
        BigDecimal change,
        BigDecimal changePercent,
        long volume,
        long seq,
        @JsonbTypeAdapter(UtcMillis.class) Instant time) {

    public static QuoteMessage of(Quote quote) {
        return new QuoteMessage("quote", quote.symbol(), quote.price(), quote.change(), quote.changePercent(),
                quote.volume(), quote.seq(), quote.time());
    }
}
