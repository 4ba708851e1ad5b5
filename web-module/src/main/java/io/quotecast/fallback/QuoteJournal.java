package io.quotecast.fallback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.quotecast.quote.LastValueCache;
import io.quotecast.quote.Quote;
import io.quotecast.quote.QuoteUpdated;

/**
 * The newest quote of every symbol with the node-local position at which it arrived: what lets
 * the fallbacks answer "what changed since cursor N" for a client that was away. Each update
 * takes the next position; {@link #position()} is published only after the entry is stored, so a
 * reader that takes the position first and then reads entries never misses one at or below it.
 *
 * <p>Threads: written by the feed's delivery thread(s) through {@link #onUpdate} (serialised by
 * {@code this}, a map put per update); read by any request thread without locking.
 */
@ApplicationScoped
public class QuoteJournal {

    /** A symbol's newest quote and the journal position it arrived at. */
    public record Entry(long position, Quote quote) {
    }

    private static final Logger LOG = Logger.getLogger(QuoteJournal.class.getName());

    private final String epoch;
    private final AtomicLong failures = new AtomicLong();
    private final ConcurrentMap<String, Entry> newest = new ConcurrentHashMap<>();
    private volatile long published;
    private LastValueCache cache;
    private PollWaiters waiters;

    protected QuoteJournal() {
        this.epoch = "";
    }

    @Inject
    public QuoteJournal(LastValueCache cache, PollWaiters waiters) {
        this(newEpoch(), cache, waiters);
    }

    QuoteJournal(String epoch, LastValueCache cache, PollWaiters waiters) {
        this.epoch = epoch;
        this.cache = cache;
        this.waiters = waiters;
    }

    /**
     * Observes the feed's event on the feed's thread, once the journal exists: {@link PollWaiters}
     * creates it when the WAR starts, never an update on the MDB's thread (see
     * {@code QuoteFanOut.onStart}). Never throws: an exception here would stop the event reaching
     * the other observers, the WebSocket fan-out among them.
     */
    void onUpdate(@Observes(notifyObserver = Reception.IF_EXISTS) QuoteUpdated update) {
        try {
            if (record(update.quote())) {
                waiters.changed(update.quote().symbol());
            }
        } catch (RuntimeException e) {
            long count = failures.incrementAndGet();
            if (Long.bitCount(count) == 1) { // the 1st, 2nd, 4th, 8th… : rate-limited, always counted
                LOG.log(Level.SEVERE, "Long polls not woken for a quote update (" + count + " so far)", e);
            }
        }
    }

    /** Stores the quote at the next position, unless an equal or newer seq is already there. */
    synchronized boolean record(Quote quote) {
        Entry previous = newest.get(quote.symbol());
        if (previous != null && previous.quote().seq() >= quote.seq()) {
            return false;
        }
        long position = published + 1;
        newest.put(quote.symbol(), new Entry(position, quote));
        published = position;
        return true;
    }

    /** The position of the newest update recorded. */
    public long position() {
        return published;
    }

    public Cursor cursor() {
        return at(published);
    }

    public Cursor at(long position) {
        return new Cursor(epoch, position);
    }

    public Optional<Entry> newest(String symbol) {
        return Optional.ofNullable(newest.get(symbol));
    }

    /**
     * Whether {@code since} is a position of this journal that can be resumed from: same epoch and
     * not ahead of it. Anything else (absent, another node, before a restart) needs a full snapshot.
     */
    public boolean canResume(Optional<Cursor> since) {
        return since.isPresent() && since.get().epoch().equals(epoch) && since.get().position() <= published;
    }

    /**
     * What a client at {@code since} needs, in the order of {@code symbols}: every quote of them
     * recorded after it, or, when it cannot resume, the last value of each that has one.
     */
    public List<Quote> since(Collection<String> symbols, Optional<Cursor> since) {
        if (!canResume(since)) {
            return cache.get(symbols);
        }
        long after = since.get().position();
        List<Quote> quotes = new ArrayList<>();
        for (String symbol : symbols) {
            Entry entry = newest.get(symbol);
            if (entry != null && entry.position() > after) {
                quotes.add(entry.quote());
            }
        }
        return quotes;
    }

    /** Whether any of {@code symbols} has a quote recorded after {@code since}, a resumable cursor. */
    public boolean changedSince(Collection<String> symbols, Cursor since) {
        for (String symbol : symbols) {
            Entry entry = newest.get(symbol);
            if (entry != null && entry.position() > since.position()) {
                return true;
            }
        }
        return false;
    }

    private static String newEpoch() {
        return Long.toString(new SecureRandom().nextLong() >>> 1, 36);
    }
}
