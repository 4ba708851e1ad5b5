package io.quotecast.push;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who is subscribed to which symbol: the index the fan-out reads once per update. Keys are
 * catalog symbols only (requests are checked against the catalog before they get here), so the
 * maps are bounded by the catalog. The fan-out reads them without locking while sessions come
 * and go ({@link SymbolSubscribers}).
 *
 * <p>Two indexes: subscribers offered every update of a symbol, and paced ones
 * ({@code maxRate}), which take the newest quote when due ({@link LatestFrames}) and so are only
 * counted here, not iterated per update. A symbol is in one of the two for a subscriber, as its
 * latest subscription says.
 *
 * <p>Each entry keeps the subscriber's {@link Outbox.Slot} of the symbol, so that the fan-out
 * reaches it without a lookup per delivery ({@link #slotsByLane}). A symbol is therefore added only
 * once the subscriber's outbox holds it ({@link Outbox#hold}), and a subscription renewed after
 * an unsubscribe (a new slot) replaces the entry.
 */
@ApplicationScoped
public class Subscriptions {

    private final ConcurrentMap<String, SymbolSubscribers> bySymbol = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SymbolSubscribers> pacedBySymbol = new ConcurrentHashMap<>();

    /** Subscribes to every update of {@code symbols}, which the subscriber's outbox holds. */
    public void add(Subscriber subscriber, Collection<String> symbols) {
        add(subscriber, symbols, false);
    }

    /**
     * Subscribes to {@code symbols}, paced or not (as {@link Outbox#hold(Collection, long, boolean)}
     * answered); a symbol the outbox does not hold (unsubscribed meanwhile) is left out.
     */
    public void add(Subscriber subscriber, Collection<String> symbols, boolean paced) {
        for (String symbol : symbols) {
            Outbox.Slot slot = subscriber.outbox().slot(symbol);
            if (slot == null) {
                continue;
            }
            indexOf(paced).computeIfAbsent(symbol, s -> new SymbolSubscribers()).put(subscriber, slot);
            removeFrom(indexOf(!paced), subscriber, symbol);
        }
    }

    public void remove(Subscriber subscriber, Collection<String> symbols) {
        for (String symbol : symbols) {
            removeFrom(bySymbol, subscriber, symbol);
            removeFrom(pacedBySymbol, subscriber, symbol);
        }
    }

    /** The subscribers offered every update of {@code symbol}, as they are now (a copy). */
    public Set<Subscriber> of(String symbol) {
        SymbolSubscribers subscribers = bySymbol.get(symbol);
        return subscribers == null ? Set.of() : subscribers.subscribers();
    }

    /**
     * Their slots of {@code symbol} by lane, where the fan-out offers each update: as they are
     * now, arrays that never change ({@link SymbolSubscribers#byLane}).
     */
    SymbolSubscribers.LaneSlots[] slotsByLane(String symbol) {
        SymbolSubscribers subscribers = bySymbol.get(symbol);
        return subscribers == null ? SymbolSubscribers.NONE : subscribers.byLane();
    }

    /** Whether any session paces {@code symbol}, and so takes its newest quote from {@link LatestFrames}. */
    public boolean isPaced(String symbol) {
        SymbolSubscribers paced = pacedBySymbol.get(symbol);
        return paced != null && !paced.isEmpty();
    }

    /** Subscriptions over all sessions (a session subscribed to 3 symbols counts 3). */
    public long count() {
        long count = 0;
        for (SymbolSubscribers subscribers : bySymbol.values()) {
            count += subscribers.size();
        }
        for (SymbolSubscribers subscribers : pacedBySymbol.values()) {
            count += subscribers.size();
        }
        return count;
    }

    private ConcurrentMap<String, SymbolSubscribers> indexOf(boolean paced) {
        return paced ? pacedBySymbol : bySymbol;
    }

    private static void removeFrom(ConcurrentMap<String, SymbolSubscribers> index, Subscriber subscriber,
                                   String symbol) {
        SymbolSubscribers subscribers = index.get(symbol);
        if (subscribers != null) {
            subscribers.remove(subscriber);
        }
    }
}
