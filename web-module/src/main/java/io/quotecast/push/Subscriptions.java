package io.quotecast.push;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who is subscribed to which symbol: the index the fan-out reads once per update. Keys are
 * catalog symbols only (requests are checked against the catalog before they get here), so the
 * maps are bounded by the catalog. Sets are concurrent so the fan-out iterates without locking
 * while sessions come and go.
 *
 * <p>Two indexes: subscribers offered every update of a symbol, and paced ones
 * ({@code maxRate}), which take the newest quote when due ({@link LatestFrames}) and so are only
 * counted here, not iterated per update. A symbol is in one of the two for a subscriber, as its
 * latest subscription says.
 */
@ApplicationScoped
public class Subscriptions {

    private final ConcurrentMap<String, Set<Subscriber>> bySymbol = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<Subscriber>> pacedBySymbol = new ConcurrentHashMap<>();

    /** Subscribes to every update of {@code symbols}. */
    public void add(Subscriber subscriber, Collection<String> symbols) {
        add(subscriber, symbols, false);
    }

    /** Subscribes to {@code symbols}, paced or not (as {@link Outbox#hold(Collection, long, boolean)} answered). */
    public void add(Subscriber subscriber, Collection<String> symbols, boolean paced) {
        for (String symbol : symbols) {
            indexOf(paced).computeIfAbsent(symbol, s -> ConcurrentHashMap.newKeySet()).add(subscriber);
            removeFrom(indexOf(!paced), subscriber, symbol);
        }
    }

    public void remove(Subscriber subscriber, Collection<String> symbols) {
        for (String symbol : symbols) {
            removeFrom(bySymbol, subscriber, symbol);
            removeFrom(pacedBySymbol, subscriber, symbol);
        }
    }

    /** The subscribers to offer every update of {@code symbol}: a live view, safe to iterate while it changes. */
    public Set<Subscriber> of(String symbol) {
        return bySymbol.getOrDefault(symbol, Set.of());
    }

    /** Whether any session paces {@code symbol}, and so takes its newest quote from {@link LatestFrames}. */
    public boolean isPaced(String symbol) {
        Set<Subscriber> paced = pacedBySymbol.get(symbol);
        return paced != null && !paced.isEmpty();
    }

    /** Subscriptions over all sessions (a session subscribed to 3 symbols counts 3). */
    public long count() {
        long count = 0;
        for (Set<Subscriber> subscribers : bySymbol.values()) {
            count += subscribers.size();
        }
        for (Set<Subscriber> subscribers : pacedBySymbol.values()) {
            count += subscribers.size();
        }
        return count;
    }

    private ConcurrentMap<String, Set<Subscriber>> indexOf(boolean paced) {
        return paced ? pacedBySymbol : bySymbol;
    }

    private static void removeFrom(ConcurrentMap<String, Set<Subscriber>> index, Subscriber subscriber, String symbol) {
        Set<Subscriber> subscribers = index.get(symbol);
        if (subscribers != null) {
            subscribers.remove(subscriber);
        }
    }
}
