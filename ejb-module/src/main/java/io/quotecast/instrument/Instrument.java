package io.quotecast.instrument;

import java.math.BigDecimal;

/** A tradable symbol the service knows, with the close that today's change is measured against. */
public record Instrument(String symbol, String exchange, String name, BigDecimal previousClose) {
}
