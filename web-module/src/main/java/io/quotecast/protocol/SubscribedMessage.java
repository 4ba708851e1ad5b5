package io.quotecast.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** Confirms the symbols of a subscribe request that were accepted. */
@JsonbPropertyOrder({"type", "symbols"})
public record SubscribedMessage(String type, List<String> symbols) {

    public SubscribedMessage(List<String> symbols) {
        this("subscribed", symbols);
    }
}
