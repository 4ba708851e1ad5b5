package io.quotecast.api;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import io.quotecast.protocol.ProtocolJson;

/** Makes REST bodies use the WebSocket protocol's JSON-B settings, so a quote reads the same everywhere. */
@Provider
public class ProtocolJsonResolver implements ContextResolver<Jsonb> {

    @Override
    public Jsonb getContext(Class<?> type) {
        return ProtocolJson.JSONB;
    }
}
