package io.quotecast.security;

import java.util.Set;

import io.quotecast.instrument.Instrument;

/** The instruments one caller may receive: named symbols, whole exchanges, or everything. */
public record Entitlement(boolean everything, Set<String> symbols, Set<String> exchanges) {

    public static final Entitlement ALL = new Entitlement(true, Set.of(), Set.of());
    public static final Entitlement NOTHING = new Entitlement(false, Set.of(), Set.of());

    public Entitlement {
        symbols = Set.copyOf(symbols);
        exchanges = Set.copyOf(exchanges);
    }

    public boolean permits(Instrument instrument) {
        return everything || symbols.contains(instrument.symbol()) || exchanges.contains(instrument.exchange());
    }
}
