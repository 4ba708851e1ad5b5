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
 * <p>Bounded by the catalog (one cell per symbol) plus one parked entry per paced subscription.
 * Written by the fan-out, one update at a time in feed order; read by any outbox's thread.
 */
public final class LatestFrames {

    /**
     * A symbol's newest quote: its seq, its encoded {@code quote} message, and how many updates
     * of the symbol came through here so far, so that a session can count what it skipped.
     */
    record Latest(long seq, String frame, long ordinal) {
    }

    /**
     * One symbol's newest quote and the outboxes parked on it. A paced outbox keeps its symbol's
     * cell, so that its look at the symbol when due is one volatile read rather than a lookup in
     * a shared map: at 10,000 paced sessions that lookup was 8 % of the server's core
     * (docs/benchmarks.md, session 7). Cells are never removed, so a kept one stays current.
     */
    static final class Cell {
        private volatile Latest newest;
        private final Set<Outbox> parked = ConcurrentHashMap.newKeySet();

        /** The newest quote; null before the symbol's first update. */
        Latest newest() {
            return newest;
        }
    }

    private final ConcurrentMap<String, Cell> cells = new ConcurrentHashMap<>();

    /** The cell of {@code symbol}, made on first use. */
    Cell cell(String symbol) {
        return cells.computeIfAbsent(symbol, s -> new Cell());
    }

    /**
     * Keeps {@code frame} as the newest of {@code symbol} (an older seq is ignored), and adds to
     * {@code wakes} every outbox parked on the symbol, taken off the list.
     */
    void put(String symbol, long seq, String frame, LaneBatch wakes) {
        Cell cell = cell(symbol);
        // One writer in the server (the fan-out, in feed order); the lock only keeps the
        // ordinal exact for tests and callers that fan out on several threads.
        synchronized (cell) {
            Latest old = cell.newest;
            if (old == null) {
                cell.newest = new Latest(seq, frame, 1);
            } else if (seq > old.seq()) {
                cell.newest = new Latest(seq, frame, old.ordinal() + 1);
            }
        }
        Set<Outbox> waiting = cell.parked;
        if (waiting.isEmpty()) {
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
        Cell cell = cells.get(symbol);
        return cell == null ? null : cell.newest;
    }

    /**
     * Asks for {@code outbox} to be woken by the next update of {@code cell}'s symbol. Returns the
     * newest quote as of after the registration, so that an update that came in between is not
     * missed: the caller compares it with what it has, and takes it (and {@link #unpark}s) if newer.
     */
    Latest park(Cell cell, Outbox outbox) {
        cell.parked.add(outbox);
        return cell.newest;
    }

    void unpark(Cell cell, Outbox outbox) {
        cell.parked.remove(outbox);
    }

    int parkedCount() {
        int count = 0;
        for (Cell cell : cells.values()) {
            count += cell.parked.size();
        }
        return count;
    }
}
