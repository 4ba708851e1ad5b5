package io.quotecast.fallback;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.instrument.Symbols;
import io.quotecast.protocol.ErrorCode;
import io.quotecast.security.Entitlement;
import io.quotecast.security.SecurityStats;

/**
 * Reads the fallbacks' query parameters: {@code symbols} (comma-separated, what a subscribe
 * would carry) and {@code since} (a {@link Cursor}). Every refusal is a {@link RefusedRequest} naming
 * the rule; unlike a WebSocket subscribe, one bad or forbidden symbol refuses the whole request,
 * since there is no later frame in which to report it.
 */
final class SymbolsParameter {

    private final InstrumentCatalog catalog;
    private final int maxSymbols;
    private final Entitlement entitlement;
    private final SecurityStats securityStats;

    SymbolsParameter(InstrumentCatalog catalog, int maxSymbols, Entitlement entitlement, SecurityStats securityStats) {
        this.catalog = catalog;
        this.maxSymbols = maxSymbols;
        this.entitlement = entitlement;
        this.securityStats = securityStats;
    }

    /** The requested symbols, in request order, without duplicates. */
    List<String> symbols(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            throw new RefusedRequest(ErrorCode.INVALID_MESSAGE,
                    "'symbols' is required: a comma-separated list of 1 to " + maxSymbols + " symbols, e.g. symbols=AAPL,MSFT");
        }
        if (parameter.length() > maxSymbols * (Symbols.MAX_LENGTH + 1)) {
            throw tooMany();
        }
        Set<String> requested = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        for (String part : parameter.split(",", -1)) {
            String symbol = part.trim();
            if (Symbols.isValid(symbol)) {
                requested.add(symbol);
            } else {
                invalid.add(symbol.length() > Symbols.MAX_LENGTH ? symbol.substring(0, Symbols.MAX_LENGTH) + "…" : symbol);
            }
        }
        if (!invalid.isEmpty()) {
            throw new RefusedRequest(ErrorCode.INVALID_SYMBOL, "Symbols are 1 to " + Symbols.MAX_LENGTH
                    + " characters: an upper-case letter, then upper-case letters, digits, '.' or '-'. Not valid: "
                    + String.join(", ", invalid), invalid);
        }
        if (requested.size() > maxSymbols) {
            throw tooMany();
        }
        List<String> unknown = requested.stream().filter(s -> !catalog.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new RefusedRequest(ErrorCode.UNKNOWN_SYMBOL, "Not in the catalog (see GET /api/instruments): "
                    + String.join(", ", unknown), unknown);
        }
        List<String> forbidden = requested.stream().filter(s -> !catalog.find(s).map(entitlement::permits).orElse(false)).toList();
        if (!forbidden.isEmpty()) {
            securityStats.forbidden(forbidden.size());
            throw new RefusedRequest(ErrorCode.FORBIDDEN, "Not entitled to: " + String.join(", ", forbidden), forbidden);
        }
        return List.copyOf(requested);
    }

    /** The {@code since} parameter: empty when absent, a 400 when present but not a cursor. */
    static Optional<Cursor> since(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            return Optional.empty();
        }
        Optional<Cursor> cursor = Cursor.parse(parameter);
        if (cursor.isEmpty()) {
            throw new RefusedRequest(ErrorCode.INVALID_MESSAGE,
                    "'since' must be a cursor exactly as the server sent it (e.g. k3v9q2-1207), or absent for a full snapshot");
        }
        return cursor;
    }

    private RefusedRequest tooMany() {
        return new RefusedRequest(ErrorCode.TOO_MANY_SUBSCRIPTIONS,
                "At most " + maxSymbols + " symbols per request; ask for fewer");
    }
}
