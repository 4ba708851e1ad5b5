package io.quotecast.fallback;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Optional;

import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.push.PushSettings;
import io.quotecast.security.Entitlements;
import io.quotecast.security.SecurityStats;

/**
 * Long polling, the last fallback (docs/protocol.md, "Long polling"): {@code GET /api/poll?symbols=…&since=…}
 * answers at once when something is newer than {@code since}, or holds the request until there
 * is or the timeout passes.
 */
@Path("/poll")
@RequestScoped
public class PollResource {

    @Inject
    PollWaiters waiters;

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
    @Produces(MediaType.APPLICATION_JSON)
    public void poll(@QueryParam("symbols") String symbols, @QueryParam("since") String since,
                     @Suspended AsyncResponse response) {
        List<String> requested;
        Optional<Cursor> cursor;
        Runnable releaseSlot;
        try {
            requested = new SymbolsParameter(catalog, settings.maxSubscriptions(), entitlements.of(request), securityStats).symbols(symbols);
            cursor = SymbolsParameter.since(since);
            releaseSlot = slots.acquire(request.getRemoteAddr());
        } catch (RefusedRequest e) {
            response.resume(e.response());
            return;
        }
        waiters.await(requested, cursor, response, releaseSlot);
    }
}
