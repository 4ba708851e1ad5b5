package io.quotecast.push;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who is subscribed to which symbol: the index the fan-out reads once per update. Keys are
 * catalog symbols only (requests are checked against the catalog before they get here), so the
 * map is bounded by the catalog. Sets are concurrent so the fan-out iterates without locking
 * while sessions come and go.
 */
@ApplicationScoped
public class Subscriptions {

    private final ConcurrentMap<String, Set<Subscriber>> bySymbol = new ConcurrentHashMap<>();

    public void add(Subscriber subscriber, Collection<String> symbols) {
        for (String symbol : symbols) {
            bySymbol.computeIfAbsent(symbol, s -> ConcurrentHashMap.newKeySet()).add(subscriber);
        }
    }

    public void remove(Subscriber subscriber, Collection<String> symbols) {
        for (String symbol : symbols) {
            Set<Subscriber> subscribers = bySymbol.get(symbol);
            if (subscribers != null) {
                subscribers.remove(subscriber);
            }
        }
    }

    /** A live view: safe to iterate while it changes. */
    public Set<Subscriber> of(String symbol) {
        return bySymbol.getOrDefault(symbol, Set.of());
    }

    /** Subscriptions over all sessions (a session subscribed to 3 symbols counts 3). */
    public long count() {
        long count = 0;
        for (Set<Subscriber> subscribers : bySymbol.values()) {
            count += subscribers.size();
        }
        return count;
    }
}
