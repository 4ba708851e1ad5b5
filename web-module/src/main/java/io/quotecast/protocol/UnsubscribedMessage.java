package io.quotecast.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** Confirms an unsubscribe; no quote for these symbols follows it. */
@JsonbPropertyOrder({"type", "symbols"})
public record UnsubscribedMessage(String type, List<String> symbols) {

    public UnsubscribedMessage(List<String> symbols) {
        this("unsubscribed", symbols);
    }
}
