package io.quotecast.push;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import io.quotecast.quote.Quote;

/**
 * The updates the fan-out has not reached yet, in feed order, bounded. Up to {@code capacity}
 * updates, none waiting longer than {@code maxWait}, wait as they came, so a fan-out that falls a
 * little behind (a collection, a burst of the feed) loses nothing; past either bound, a newer
 * update of a symbol that still waits replaces it in its place (conflated), so the backlog never
 * holds more than {@code capacity} plus one update per symbol, and a server that stays behind its
 * feed sends the newest price of each symbol rather than every price ever later. The time bound
 * matters with a slow feed: 512 updates are a second of a busy feed but ten of a feed of 50 a
 * second, and a server that fell that far behind sent quotes ten seconds old. Per symbol the
 * order is kept: an update replaces only the newest one of its symbol, which no other update of
 * that symbol follows. Any thread.
 */
final class FeedBacklog {

    /** A waiting update; its quote is replaced in place when conflated. */
    private static final class Waiting {
        Quote quote;
        final long since;

        Waiting(Quote quote, long since) {
            this.quote = quote;
            this.since = since;
        }
    }

    private final int capacity;
    private final long maxWaitNanos;
    private final LongSupplier nanoClock;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    /** The newest waiting update of each symbol. */
    private final Map<String, Waiting> newest = new HashMap<>();

    FeedBacklog(int capacity, long maxWaitNanos, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.maxWaitNanos = maxWaitNanos;
        this.nanoClock = nanoClock;
    }

    /** Adds {@code quote}; true when it replaced a waiting update of its symbol (conflated). */
    synchronized boolean add(Quote quote) {
        Waiting last = newest.get(quote.symbol());
        long now = nanoClock.getAsLong();
        if (last != null && (queue.size() >= capacity || now - queue.peek().since > maxWaitNanos)) {
            last.quote = quote;
            return true;
        }
        Waiting waiting = new Waiting(quote, now);
        queue.add(waiting);
        newest.put(quote.symbol(), waiting);
        return false;
    }

    /** The oldest waiting update, or null when none waits. */
    synchronized Quote poll() {
        Waiting waiting = queue.poll();
        if (waiting == null) {
            return null;
        }
        newest.remove(waiting.quote.symbol(), waiting);
        return waiting.quote;
    }

    synchronized boolean isEmpty() {
        return queue.isEmpty();
    }

    synchronized int size() {
        return queue.size();
    }
}
