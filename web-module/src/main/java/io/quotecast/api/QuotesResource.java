package io.quotecast.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.instrument.Symbols;
import io.quotecast.protocol.ErrorCode;
import io.quotecast.quote.LastValueCache;
import io.quotecast.quote.Quote;
import io.quotecast.security.Entitlement;
import io.quotecast.security.Entitlements;
import io.quotecast.security.SecurityStats;

/** Last values, for clients that only need a look now and then. */
@Path("/quotes")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class QuotesResource {

    @Inject
    LastValueCache cache;

    @Inject
    InstrumentCatalog catalog;

    @Inject
    Entitlements entitlements;

    @Inject
    SecurityStats securityStats;

    @Context
    HttpServletRequest request;

    /** Every last value the caller is entitled to; the others are left out, not refused. */
    @GET
    public List<Quote> all() {
        Entitlement entitlement = entitlements.of(request);
        return cache.all().stream()
                .filter(q -> catalog.find(q.symbol()).map(entitlement::permits).orElse(false))
                .toList();
    }

    @GET
    @Path("/{symbol}")
    public Response one(@PathParam("symbol") String symbol) {
        if (!Symbols.isValid(symbol)) {
            return ApiErrors.of(Response.Status.BAD_REQUEST, ErrorCode.INVALID_SYMBOL, "Not a valid symbol");
        }
        if (!catalog.contains(symbol)) {
            return ApiErrors.of(Response.Status.NOT_FOUND, ErrorCode.UNKNOWN_SYMBOL, symbol + " is not in the catalog");
        }
        if (!entitlements.of(request).permits(catalog.find(symbol).orElseThrow())) {
            securityStats.forbidden(1);
            return ApiErrors.of(Response.Status.FORBIDDEN, ErrorCode.FORBIDDEN, "Not entitled to " + symbol);
        }
        return cache.get(symbol)
                .map(quote -> Response.ok(quote).build())
                .orElseGet(() -> ApiErrors.of(Response.Status.NOT_FOUND, ErrorCode.NO_QUOTE,
                        "No price has arrived for " + symbol + " yet"));
    }
}
