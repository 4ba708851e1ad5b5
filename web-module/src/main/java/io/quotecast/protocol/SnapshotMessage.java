package io.quotecast.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

import io.quotecast.quote.Quote;

/** The last value of each newly subscribed symbol that has one; live quotes follow it. */
@JsonbPropertyOrder({"type", "quotes"})
public record SnapshotMessage(String type, List<Quote> quotes) {

    public SnapshotMessage(List<Quote> quotes) {
        this("snapshot", quotes);
    }
}
