package io.quotecast.fallback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.Optional;

import io.quotecast.guard.ClientAddresses;
import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.push.PushSettings;
import io.quotecast.security.Entitlement;
import io.quotecast.security.Entitlements;
import io.quotecast.security.SecurityStats;

/**
 * What SSE and long polling check before they serve a request, in the order a WebSocket client
 * meets the same rules: the parameters, the caller's entitlements, then a connection slot.
 */
@ApplicationScoped
public class FallbackAdmission {

    /** An admitted request: what to serve, and what to run once it has been served. */
    record Admitted(List<String> symbols, Optional<Cursor> since, Entitlement entitlement, Runnable releaseSlot) {
    }

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

    @Inject
    ClientAddresses clients;

    /** Admits the request or throws the {@link RefusedRequest} to answer it with. */
    Admitted admit(HttpServletRequest request, String symbols, String since) {
        Entitlement entitlement = entitlements.of(request);
        List<String> requested = new SymbolsParameter(catalog, settings.maxSubscriptions(), entitlement, securityStats)
                .symbols(symbols);
        Optional<Cursor> cursor = SymbolsParameter.since(since);
        return new Admitted(requested, cursor, entitlement, slots.acquire(clients.of(request)));
    }
}
