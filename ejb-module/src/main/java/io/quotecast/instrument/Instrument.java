package io.quotecast.instrument;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.math.BigDecimal;

/** A tradable symbol the service knows, with the close that today's change is measured against. */
@JsonbPropertyOrder({"symbol", "exchange", "name", "previousClose"})
public record Instrument(String symbol, String exchange, String name, BigDecimal previousClose) {
}
