package io.quotecast.feed;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quotecast.instrument.Instrument;
import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.quote.LastValueCache;
import io.quotecast.quote.Quote;
import io.quotecast.quote.QuoteUpdated;

class PriceIntakeTest {

    private static final Instant NOW = Instant.parse("2026-11-21T20:33:06.120Z");

    private final LastValueCache cache = new LastValueCache(new InstrumentCatalog(List.of(
            new Instrument("AAPL", "XNAS", "Apple Inc.", new BigDecimal("229.87")),
            new Instrument("MSFT", "XNAS", "Microsoft Corporation", new BigDecimal("415.49")))));
    private final FeedStats stats = new FeedStats();
    private final List<QuoteUpdated> announced = new ArrayList<>();
    private final PriceIntake intake = new PriceIntake(Clock.fixed(NOW, ZoneOffset.UTC), cache, stats, announced::add);

    private Map<String, Long> rejected(Object... reasonsAndCounts) {
        Map<String, Long> expected = new LinkedHashMap<>();
        for (FeedRejection reason : FeedRejection.values()) {
            expected.put(reason.name(), 0L);
        }
        for (int i = 0; i < reasonsAndCounts.length; i += 2) {
            expected.put(((FeedRejection) reasonsAndCounts[i]).name(), ((Number) reasonsAndCounts[i + 1]).longValue());
        }
        return expected;
    }

    @Test
    void acceptedPriceIsCachedAnnouncedAndCounted() {
        intake.onText("{\"symbol\":\"AAPL\",\"price\":231.12,\"volume\":1200}");

        Quote quote = cache.get("AAPL").orElseThrow();
        assertEquals(List.of(new QuoteUpdated(quote)), announced);
        assertEquals(new BigDecimal("231.12"), quote.price());
        assertEquals(1, stats.receivedCount());
        assertEquals(1, stats.acceptedCount());
        assertEquals(0, stats.rejectedCount());
        assertEquals(NOW, stats.lastAcceptedAt());
    }

    @Test
    void announcesExactlyTheAcceptedQuotesInFeedOrder() {
        intake.onText("{\"symbol\":\"AAPL\",\"price\":230.00,\"seq\":1}");
        intake.onText("{\"symbol\":\"MSFT\",\"price\":0}");
        intake.onText("{\"symbol\":\"MSFT\",\"price\":415.00}");
        intake.onText("{\"symbol\":\"AAPL\",\"price\":230.50,\"seq\":1}");
        intake.onText("{\"symbol\":\"AAPL\",\"price\":231.00,\"seq\":2}");

        assertEquals(List.of("AAPL 230.00 1", "MSFT 415.00 1", "AAPL 231.00 2"), announced.stream()
                .map(QuoteUpdated::quote).map(q -> q.symbol() + " " + q.price() + " " + q.seq()).toList());
        assertEquals(5, stats.receivedCount());
        assertEquals(3, stats.acceptedCount());
        assertEquals(2, stats.rejectedCount());
    }

    @Test
    void countsEveryRejectionByItsReason() {
        intake.onText("not json");
        intake.onText("[]");
        intake.onText("x".repeat(PriceMessageFormat.MAX_LENGTH + 1));
        intake.onText("{\"price\":1}");
        intake.onText("{\"symbol\":\"aapl\",\"price\":1}");
        intake.onText("{\"symbol\":\"AAPL\",\"price\":-1}");
        intake.onText("{\"symbol\":\"NOPE\",\"price\":1}");
        intake.onText("{\"symbol\":\"AAPL\",\"price\":1,\"seq\":5}");
        intake.onText("{\"symbol\":\"AAPL\",\"price\":1,\"seq\":5}");
        intake.onText("{\"symbol\":\"AAPL\",\"price\":1,\"seq\":4}");
        intake.onNotText("BytesMessage");

        assertEquals(rejected(FeedRejection.NOT_TEXT, 1, FeedRejection.TOO_LARGE, 1, FeedRejection.MALFORMED, 2,
                FeedRejection.MISSING_FIELD, 1, FeedRejection.INVALID_FIELD, 1, FeedRejection.INVALID_PRICE, 1,
                FeedRejection.UNKNOWN_SYMBOL, 1, FeedRejection.STALE_SEQUENCE, 2), stats.rejectedByReason());
        assertEquals(11, stats.receivedCount());
        assertEquals(1, stats.acceptedCount());
        assertEquals(10, stats.rejectedCount());
        assertEquals(1, announced.size());
    }

    @Test
    void unknownSymbolIsRejectedAsUnknownAndNotCached() {
        intake.onText("{\"symbol\":\"NOPE\",\"price\":1}");

        assertEquals(rejected(FeedRejection.UNKNOWN_SYMBOL, 1), stats.rejectedByReason());
        assertEquals(0, cache.size());
        assertEquals(List.of(), announced);
        assertNull(stats.lastAcceptedAt());
    }

    @Test
    void staleFeedSequenceIsRejectedAndLeavesTheCachedQuote() {
        intake.onText("{\"symbol\":\"AAPL\",\"price\":230.00,\"seq\":9}");
        Quote before = cache.get("AAPL").orElseThrow();

        intake.onText("{\"symbol\":\"AAPL\",\"price\":999.00,\"seq\":8}");

        assertEquals(before, cache.get("AAPL").orElseThrow());
        assertEquals(rejected(FeedRejection.STALE_SEQUENCE, 1), stats.rejectedByReason());
    }

    @Test
    void notTextMessagesAreCountedAsReceivedAndRejected() {
        intake.onNotText("ObjectMessage");

        assertEquals(1, stats.receivedCount());
        assertEquals(rejected(FeedRejection.NOT_TEXT, 1), stats.rejectedByReason());
    }

    @Test
    void neverThrowsOnGarbageAndCountsEachAsReceivedAndRejected() {
        List<String> garbage = Arrays.asList(null, "", "\u0000", "{", "}", "\"\"", "{\"symbol\":{}}",
                "[".repeat(3000), "{\"a\":".repeat(900), "{\"symbol\":\"AAPL\",\"price\":1e999999999}",
                "{\"symbol\":\"AAPL\",\"price\":1,\"time\":\"+1000000001-01-01T00:00:00Z\"}",
                "{\"symbol\":\"\uD83D\uDE00\",\"price\":1}", "\uD800\uDC00\uDFFF");

        for (String text : garbage) {
            assertDoesNotThrow(() -> intake.onText(text));
        }
        assertDoesNotThrow(() -> intake.onNotText(null));

        assertEquals(garbage.size() + 1, stats.receivedCount());
        assertEquals(garbage.size() + 1, stats.rejectedCount());
        assertEquals(0, stats.acceptedCount());
        assertEquals(List.of(), announced);
    }

    @Test
    void anArrayIsAppliedPriceByPriceInItsOrderAndCountedPerPrice() {
        intake.onText("[{\"symbol\":\"AAPL\",\"price\":230,\"seq\":1},{\"symbol\":\"MSFT\",\"price\":\"x\"},"
                + "{\"symbol\":\"AAPL\",\"price\":231,\"seq\":2},{\"symbol\":\"AAPL\",\"price\":229,\"seq\":1}]");

        assertEquals(List.of(new BigDecimal("230"), new BigDecimal("231")),
                announced.stream().map(update -> update.quote().price()).toList(), "in order, the stale one refused");
        assertEquals(new BigDecimal("231"), cache.get("AAPL").orElseThrow().price());
        assertEquals(4, stats.receivedCount());
        assertEquals(2, stats.acceptedCount());
        assertEquals(rejected(FeedRejection.INVALID_PRICE, 1, FeedRejection.STALE_SEQUENCE, 1), stats.rejectedByReason());
    }

    @Test
    void anArrayRefusedWholeCountsAsOneMessage() {
        intake.onText("[]");

        assertEquals(1, stats.receivedCount());
        assertEquals(rejected(FeedRejection.MALFORMED, 1), stats.rejectedByReason());
    }

    @Test
    void aPushSideFailureCostsOnePriceNotTheRestOfTheMessage() {
        List<String> pushed = new ArrayList<>();
        PriceIntake failingOnMsft = new PriceIntake(Clock.fixed(NOW, ZoneOffset.UTC), cache, stats, update -> {
            if (update.quote().symbol().equals("MSFT")) {
                throw new IllegalStateException("a bug on the push side");
            }
            pushed.add(update.quote().symbol());
        });

        assertDoesNotThrow(() -> failingOnMsft.onText("[{\"symbol\":\"AAPL\",\"price\":230},"
                + "{\"symbol\":\"MSFT\",\"price\":416},{\"symbol\":\"AAPL\",\"price\":231}]"));

        assertEquals(List.of("AAPL", "AAPL"), pushed);
        assertEquals(new BigDecimal("416"), cache.get("MSFT").orElseThrow().price(), "cached, so snapshots show it");
        assertEquals(3, stats.acceptedCount());
    }
}
