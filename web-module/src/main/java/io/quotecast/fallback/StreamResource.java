package io.quotecast.fallback;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.List;
import java.util.Optional;

import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.push.PushSettings;
import io.quotecast.security.Entitlement;
import io.quotecast.security.Entitlements;
import io.quotecast.security.SecurityStats;

/**
 * Server-Sent Events, the first fallback (docs/protocol.md, "Server-Sent Events"):
 * {@code GET /api/stream?symbols=…} streams welcome, snapshot, then every quote, as a WebSocket
 * subscription would. A browser's automatic reconnect sends {@code Last-Event-ID}; a client that
 * reconnects itself passes the same cursor as {@code since}. Either way only what changed since
 * is in the snapshot.
 */
@Path("/stream")
@RequestScoped
public class StreamResource {

    @Inject
    SseStreams streams;

    @Inject
    InstrumentCatalog catalog;

    @Inject
    PushSettings settings;

    @Inject
    Entitlements entitlements;

    @Inject
    SecurityStats securityStats;

    @Inject
    FallbackSlots slots;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@QueryParam("symbols") String symbols, @QueryParam("since") String since,
                       @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        List<String> requested;
        Optional<Cursor> from;
        Entitlement entitlement = entitlements.of(request);
        Runnable releaseSlot;
        try {
            requested = new SymbolsParameter(catalog, settings.maxSubscriptions(), entitlement, securityStats).symbols(symbols);
            from = SymbolsParameter.since(since);
            releaseSlot = slots.acquire(request.getRemoteAddr());
        } catch (RefusedRequest e) {
            // Before anything is written to the sink, so the refusal goes out instead of a stream.
            throw new WebApplicationException(e.response());
        }
        // The browser's own reconnect is more recent than the URL it reuses; an id we cannot
        // read (another server's) just means a full snapshot.
        Optional<Cursor> resumeFrom = Optional.ofNullable(lastEventId).flatMap(Cursor::parse).or(() -> from);
        try {
            streams.open(sink, sse, requested, resumeFrom, entitlement, releaseSlot);
        } catch (RuntimeException e) {
            releaseSlot.run();
            throw e;
        }
    }
}
