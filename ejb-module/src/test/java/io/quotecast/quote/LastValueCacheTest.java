package io.quotecast.quote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.quotecast.instrument.Instrument;
import io.quotecast.instrument.InstrumentCatalog;

class LastValueCacheTest {

    private static final Instant T0 = Instant.parse("2026-11-21T20:33:06.120Z");

    private final LastValueCache cache = new LastValueCache(new InstrumentCatalog(List.of(
            new Instrument("AAPL", "XNAS", "Apple Inc.", new BigDecimal("229.87")),
            new Instrument("MSFT", "XNAS", "Microsoft Corporation", new BigDecimal("415.49")),
            new Instrument("THREE", "XTST", "Three Dollar Corp", new BigDecimal("3.00")),
            new Instrument("EIGHT", "XTST", "Eight Dollar Corp", new BigDecimal("8.00")))));

    private static PriceTick tick(String symbol, String price) {
        return new PriceTick(symbol, new BigDecimal(price), OptionalLong.empty(), OptionalLong.empty(), T0);
    }

    private static PriceTick tick(String symbol, String price, long volume) {
        return new PriceTick(symbol, new BigDecimal(price), OptionalLong.of(volume), OptionalLong.empty(), T0);
    }

    private static PriceTick sourced(String symbol, String price, long sourceSeq) {
        return new PriceTick(symbol, new BigDecimal(price), OptionalLong.empty(), OptionalLong.of(sourceSeq), T0);
    }

    private Quote applied(PriceTick tick) {
        LastValueCache.Outcome outcome = cache.apply(tick);
        assertTrue(outcome.accepted(), () -> "refused: " + outcome.refusal());
        assertNull(outcome.refusal());
        return outcome.quote();
    }

    @Test
    void firstQuoteOfASymbolCarriesAllFieldsOfTheTickAndSeqOne() {
        Quote quote = applied(tick("AAPL", "231.12", 1200));

        assertEquals(new Quote("AAPL", new BigDecimal("231.12"), new BigDecimal("1.25"), new BigDecimal("0.54"),
                1200, 1, T0), quote);
        assertEquals(Optional.of(quote), cache.get("AAPL"));
    }

    @Test
    void seqStrictlyIncreasesByOnePerSymbolIndependently() {
        assertEquals(1, applied(tick("AAPL", "230.00")).seq());
        assertEquals(2, applied(tick("AAPL", "230.01")).seq());
        assertEquals(1, applied(tick("MSFT", "415.00")).seq());
        assertEquals(3, applied(tick("AAPL", "230.02")).seq());
        assertEquals(2, applied(tick("MSFT", "415.01")).seq());
        assertEquals(4, applied(tick("AAPL", "230.02")).seq(), "an unchanged price is still a new quote");
    }

    @Test
    void changeAndPercentAreAgainstThePreviousCloseNotThePreviousQuote() {
        applied(tick("THREE", "10.00"));

        Quote quote = applied(tick("THREE", "4.00"));

        assertEquals(new BigDecimal("1.00"), quote.change());
        assertEquals(new BigDecimal("33.33"), quote.changePercent());
    }

    @Test
    void negativeChangeAndPercentAreRoundedToTwoDecimals() {
        Quote quote = applied(tick("THREE", "1.00"));

        assertEquals(new BigDecimal("-2.00"), quote.change());
        assertEquals(new BigDecimal("-66.67"), quote.changePercent());
    }

    @Test
    void percentHasTwoDecimalsEvenWhenThereIsNoChange() {
        Quote quote = applied(tick("AAPL", "229.87"));

        assertEquals(0, quote.change().signum());
        assertEquals(new BigDecimal("0.00"), quote.changePercent());
    }

    @Test
    void percentExactlyHalfwayBetweenTwoCentsRoundsToEven() {
        // 0.01 / 8.00 = 0.125 %, 0.03 / 8.00 = 0.375 %
        assertEquals(new BigDecimal("0.12"), applied(tick("EIGHT", "8.01")).changePercent());
        assertEquals(new BigDecimal("0.38"), applied(tick("EIGHT", "8.03")).changePercent());
    }

    @Test
    void volumeIsKeptWhenATickHasNone() {
        assertEquals(0, applied(tick("AAPL", "230.00")).volume(), "no volume yet");
        assertEquals(500, applied(tick("AAPL", "230.01", 500)).volume());
        assertEquals(500, applied(tick("AAPL", "230.02")).volume());
        assertEquals(900, applied(tick("AAPL", "230.03", 900)).volume());
    }

    @Test
    void unknownSymbolIsRefusedAndNothingIsStored() {
        LastValueCache.Outcome outcome = cache.apply(tick("NOPE", "1.00"));

        assertFalse(outcome.accepted());
        assertNull(outcome.quote());
        assertEquals(LastValueCache.Refusal.UNKNOWN_SYMBOL, outcome.refusal());
        assertEquals(0, cache.size());
        assertEquals(Optional.empty(), cache.get("NOPE"));
    }

    @Test
    void duplicateFeedSequenceIsRefusedAsStaleAndLeavesTheCacheUnchanged() {
        Quote first = applied(sourced("AAPL", "230.00", 17));

        LastValueCache.Outcome duplicate = cache.apply(sourced("AAPL", "231.00", 17));

        assertFalse(duplicate.accepted());
        assertEquals(LastValueCache.Refusal.STALE_SEQUENCE, duplicate.refusal());
        assertEquals(Optional.of(first), cache.get("AAPL"));
    }

    @Test
    void outOfOrderFeedSequenceIsRefusedAsStaleAndDoesNotConsumeASeq() {
        applied(sourced("AAPL", "230.00", 17));

        LastValueCache.Outcome older = cache.apply(sourced("AAPL", "231.00", 16));
        Quote next = applied(sourced("AAPL", "232.00", 18));

        assertEquals(LastValueCache.Refusal.STALE_SEQUENCE, older.refusal());
        assertEquals(2, next.seq());
        assertEquals(new BigDecimal("232.00"), next.price());
    }

    @Test
    void feedSequenceIsTrackedPerSymbol() {
        applied(sourced("AAPL", "230.00", 100));

        assertTrue(cache.apply(sourced("MSFT", "415.00", 1)).accepted());
    }

    @Test
    void ticksWithoutFeedSequenceDoNotResetTheLastOneSeen() {
        applied(sourced("AAPL", "230.00", 17));
        applied(tick("AAPL", "230.50"));

        assertEquals(LastValueCache.Refusal.STALE_SEQUENCE, cache.apply(sourced("AAPL", "231.00", 17)).refusal());
        assertTrue(cache.apply(sourced("AAPL", "231.00", 18)).accepted());
    }

    @Test
    void getOfManyKeepsTheOrderAskedAndSkipsUnpricedAndUnknownSymbols() {
        Quote msft = applied(tick("MSFT", "415.00"));
        Quote aapl = applied(tick("AAPL", "230.00"));

        assertEquals(List.of(msft, aapl), cache.get(List.of("THREE", "MSFT", "NOPE", "AAPL")));
        assertEquals(List.of(aapl, msft), cache.get(Arrays.asList("AAPL", null, "MSFT")));
    }

    @Test
    void allListsPricedSymbolsInCatalogOrder() {
        Quote three = applied(tick("THREE", "3.10"));
        Quote aapl = applied(tick("AAPL", "230.00"));

        assertEquals(List.of(aapl, three), cache.all());
        assertEquals(2, cache.size());
    }

    @Test
    void getOfNullOrUnpricedSymbolIsEmpty() {
        assertEquals(Optional.empty(), cache.get((String) null));
        assertEquals(Optional.empty(), cache.get("AAPL"));
    }
}
