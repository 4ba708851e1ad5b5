package io.quotecast.fallback;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quotecast.instrument.Instrument;
import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.quote.LastValueCache;
import io.quotecast.quote.PriceTick;
import io.quotecast.quote.Quote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuoteJournalTest {

    private final InstrumentCatalog catalog = new InstrumentCatalog(List.of(
            new Instrument("AAPL", "XNAS", "Apple Inc.", new BigDecimal("100.00")),
            new Instrument("MSFT", "XNAS", "Microsoft Corporation", new BigDecimal("400.00")),
            new Instrument("IBM", "XNYS", "IBM", new BigDecimal("200.00"))));
    private final LastValueCache cache = new LastValueCache(catalog);
    private final QuoteJournal journal = new QuoteJournal("e1", cache, new PollWaiters());

    private Quote price(String symbol, String price) {
        Quote quote = cache.apply(new PriceTick(symbol, new BigDecimal(price), java.util.OptionalLong.empty(),
                java.util.OptionalLong.empty(), Instant.parse("2026-11-21T20:00:00Z"))).quote();
        journal.record(quote);
        return quote;
    }

    @Test
    void eachUpdateTakesTheNextPositionAndTheNewestPerSymbolIsKept() {
        price("AAPL", "101");
        price("MSFT", "401");
        Quote newest = price("AAPL", "102");

        assertEquals(3, journal.position());
        assertEquals(new Cursor("e1", 3), journal.cursor());
        assertEquals(new QuoteJournal.Entry(3, newest), journal.newest("AAPL").orElseThrow());
        assertEquals(2, journal.newest("MSFT").orElseThrow().position());
    }

    @Test
    void anOlderSeqArrivingLateIsIgnored() {
        Quote first = price("AAPL", "101");
        price("AAPL", "102");
        assertFalse(journal.record(first));
        assertEquals(2, journal.position());
    }

    @Test
    void resumingGivesOnlyTheSymbolsThatChangedAfterTheCursorInRequestOrder() {
        price("AAPL", "101");
        Cursor since = journal.cursor();
        Quote msft = price("MSFT", "401");
        Quote ibm = price("IBM", "201");

        assertEquals(List.of(ibm, msft), journal.since(List.of("IBM", "AAPL", "MSFT"), Optional.of(since)));
        assertTrue(journal.changedSince(List.of("AAPL", "MSFT"), since));
        assertFalse(journal.changedSince(List.of("AAPL"), since));
    }

    @Test
    void aCursorOfAnotherEpochAheadOfTheJournalOrAbsentGetsTheFullSnapshot() {
        Quote aapl = price("AAPL", "101");
        Quote msft = price("MSFT", "401");
        List<Quote> full = List.of(aapl, msft);

        assertEquals(full, journal.since(List.of("AAPL", "MSFT"), Optional.empty()));
        assertEquals(full, journal.since(List.of("AAPL", "MSFT"), Optional.of(new Cursor("other", 1))));
        assertEquals(full, journal.since(List.of("AAPL", "MSFT"), Optional.of(new Cursor("e1", 99))));
        assertFalse(journal.canResume(Optional.of(new Cursor("e1", 3))));
        assertTrue(journal.canResume(Optional.of(new Cursor("e1", 2))));
    }

    @Test
    void theFullSnapshotComesFromTheCacheSoQuotesFromBeforeTheJournalStartedAreIncluded() {
        Quote early = cache.apply(new PriceTick("IBM", new BigDecimal("199"), java.util.OptionalLong.empty(),
                java.util.OptionalLong.empty(), Instant.parse("2026-11-21T20:00:00Z"))).quote();
        assertEquals(List.of(early), journal.since(List.of("IBM"), Optional.empty()));
    }
}
