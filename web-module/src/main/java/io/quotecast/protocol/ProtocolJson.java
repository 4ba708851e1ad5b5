package io.quotecast.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * The one JSON-B configuration every transport uses, so that a quote is the same bytes over
 * WebSocket, REST and the fallbacks. Held in a constant because a Jsonb instance is thread-safe
 * and costly to build, and codecs are created per connection by the container.
 */
public final class ProtocolJson {

    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    private ProtocolJson() {
    }
}
