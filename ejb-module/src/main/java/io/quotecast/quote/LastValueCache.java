package io.quotecast.quote;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.quotecast.instrument.Instrument;
import io.quotecast.instrument.InstrumentCatalog;

/**
 * The latest quote of every symbol. Written by the feed (one symbol at a time, atomically per
 * symbol through {@link ConcurrentMap#compute}), read concurrently by every snapshot and REST call.
 */
@ApplicationScoped
public class LastValueCache {

    /** Why a tick was not applied. */
    public enum Refusal { UNKNOWN_SYMBOL, STALE_SEQUENCE }

    /** Either the new quote or the reason there is none. */
    public record Outcome(Quote quote, Refusal refusal) {
        public boolean accepted() {
            return quote != null;
        }
    }

    private record Entry(Quote quote, long sourceSeq) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private InstrumentCatalog catalog;

    protected LastValueCache() {
    }

    @Inject
    public LastValueCache(InstrumentCatalog catalog) {
        this.catalog = catalog;
    }

    public Outcome apply(PriceTick tick) {
        Optional<Instrument> instrument = catalog.find(tick.symbol());
        if (instrument.isEmpty()) {
            return new Outcome(null, Refusal.UNKNOWN_SYMBOL);
        }
        Refusal[] refusal = new Refusal[1];
        Entry entry = entries.compute(tick.symbol(), (symbol, previous) -> {
            long lastSource = previous == null ? Long.MIN_VALUE : previous.sourceSeq();
            if (tick.sourceSeq().isPresent() && tick.sourceSeq().getAsLong() <= lastSource) {
                refusal[0] = Refusal.STALE_SEQUENCE;
                return previous;
            }
            Quote quote = next(instrument.get(), previous == null ? null : previous.quote(), tick);
            return new Entry(quote, tick.sourceSeq().orElse(lastSource));
        });
        return refusal[0] == null ? new Outcome(entry.quote(), null) : new Outcome(null, refusal[0]);
    }

    private static Quote next(Instrument instrument, Quote previous, PriceTick tick) {
        BigDecimal close = instrument.previousClose();
        BigDecimal change = tick.price().subtract(close);
        BigDecimal percent = change.multiply(BigDecimal.valueOf(100)).divide(close, 2, RoundingMode.HALF_EVEN);
        long volume = tick.volume().orElse(previous == null ? 0 : previous.volume());
        long seq = previous == null ? 1 : previous.seq() + 1;
        return new Quote(instrument.symbol(), tick.price(), change, percent, volume, seq, tick.time());
    }

    public Optional<Quote> get(String symbol) {
        Entry entry = symbol == null ? null : entries.get(symbol);
        return Optional.ofNullable(entry).map(Entry::quote);
    }

    /** The last values of the given symbols that have one, in the order asked. */
    public List<Quote> get(Collection<String> symbols) {
        List<Quote> quotes = new ArrayList<>(symbols.size());
        for (String symbol : symbols) {
            get(symbol).ifPresent(quotes::add);
        }
        return quotes;
    }

    /** Every last value, in catalog order. */
    public List<Quote> all() {
        return get(catalog.symbols());
    }

    public int size() {
        return entries.size();
    }
}
