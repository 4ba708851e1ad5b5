package io.quotecast.push;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The newest encoded quote of each symbol that paced sessions ({@code maxRate}) take from, and
 * the sessions waiting for a symbol that was quiet when they came to take it.
 *
 * <p>Why it exists: a paced session wants at most a few quotes of a symbol per second whatever
 * the feed does, so offering it every update (a hand-off, a lock and a map write each, only to
 * be replaced before it leaves) costs the fan-out per update and subscriber for quotes that are
 * mostly never sent. Instead the fan-out writes each update here once, and a paced outbox takes
 * the newest value of a symbol when that symbol is due ({@link Outbox}). A symbol that has
 * nothing new when due parks its outbox here; the next update of it wakes the outbox, once, so
 * a quote after a quiet spell still leaves at once.
 *
 * <p>Bounded by the catalog (one entry per symbol) plus one parked entry per paced subscription.
 * Written by the fan-out, one update at a time in feed order; read by any outbox's thread.
 */
public final class LatestFrames {

    /**
     * A symbol's newest quote: its seq, its encoded {@code quote} message, and how many updates
     * of the symbol came through here so far, so that a session can count what it skipped.
     */
    record Latest(long seq, String frame, long ordinal) {
    }

    private final ConcurrentMap<String, Latest> latest = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<Outbox>> parked = new ConcurrentHashMap<>();

    /**
     * Keeps {@code frame} as the newest of {@code symbol} (an older seq is ignored), and adds to
     * {@code wakes} every outbox parked on the symbol, taken off the list.
     */
    void put(String symbol, long seq, String frame, LaneBatch wakes) {
        latest.compute(symbol, (s, old) -> old == null ? new Latest(seq, frame, 1)
                : seq > old.seq() ? new Latest(seq, frame, old.ordinal() + 1) : old);
        Set<Outbox> waiting = parked.get(symbol);
        if (waiting == null || waiting.isEmpty()) {
            return;
        }
        Consumer<Outbox> wake = outbox -> outbox.unpark(symbol);
        for (Outbox outbox : waiting) {
            if (waiting.remove(outbox)) {
                wakes.add(outbox, wake);
            }
        }
    }

    /** The newest quote of {@code symbol}; null before its first update. */
    Latest get(String symbol) {
        return latest.get(symbol);
    }

    /** How many updates of {@code symbol} came through so far. */
    long ordinal(String symbol) {
        Latest newest = latest.get(symbol);
        return newest == null ? 0 : newest.ordinal();
    }

    /**
     * Asks for {@code outbox} to be woken by the next update of {@code symbol}. Returns the newest
     * quote as of after the registration, so that an update that came in between is not missed:
     * the caller compares it with what it has, and takes it (and {@link #unpark}s) if newer.
     */
    Latest park(String symbol, Outbox outbox) {
        parked.computeIfAbsent(symbol, s -> ConcurrentHashMap.newKeySet()).add(outbox);
        return latest.get(symbol);
    }

    void unpark(String symbol, Outbox outbox) {
        Set<Outbox> waiting = parked.get(symbol);
        if (waiting != null) {
            waiting.remove(outbox);
        }
    }

    int parkedCount() {
        int count = 0;
        for (Set<Outbox> waiting : parked.values()) {
            count += waiting.size();
        }
        return count;
    }
}
