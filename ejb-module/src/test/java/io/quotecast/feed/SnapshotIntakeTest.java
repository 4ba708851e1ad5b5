package io.quotecast.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import io.quotecast.instrument.Instrument;
import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.quote.LastValueCache;
import io.quotecast.quote.QuoteUpdated;

/** The start-up snapshot and the live topic deliver the same prices in either order; each applies once. */
class SnapshotIntakeTest {

    private static final Instant NOW = Instant.parse("2026-11-21T20:33:06.120Z");

    private final LastValueCache cache = new LastValueCache(new InstrumentCatalog(List.of(
            new Instrument("AAPL", "XNAS", "Apple Inc.", new BigDecimal("229.87")))));
    private final FeedStats stats = new FeedStats();
    private final List<QuoteUpdated> announced = new ArrayList<>();
    private final List<FeedStatusChanged> statusChanges = new ArrayList<>();
    private final FeedStatus status = new FeedStatus(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(5),
            statusChanges::add);
    private final PriceIntake intake = new PriceIntake(Clock.fixed(NOW, ZoneOffset.UTC), cache, stats, status,
            announced::add);

    @Test
    void aSnapshotPriceFillsTheCacheWithoutCountingAsFeedTraffic() {
        assertEquals(Optional.empty(), intake.onSnapshot("{\"symbol\":\"AAPL\",\"price\":230.5,\"seq\":7}"));
        assertEquals(new BigDecimal("230.5"), cache.get("AAPL").orElseThrow().price());
        assertEquals(1, announced.size());
        assertEquals(1, stats.snapshotCount());
        assertEquals(0, stats.receivedCount());
        assertEquals(0, stats.rejectedCount());
    }

    @Test
    void aSnapshotPriceTheLiveTopicAlreadyDeliveredIsSkippedAsStaleWithoutCountingARejection() {
        intake.onText("{\"symbol\":\"AAPL\",\"price\":231,\"seq\":8}");
        assertEquals(Optional.of(FeedRejection.STALE_SEQUENCE),
                intake.onSnapshot("{\"symbol\":\"AAPL\",\"price\":230.5,\"seq\":7}"));
        assertEquals(Optional.of(FeedRejection.STALE_SEQUENCE),
                intake.onSnapshot("{\"symbol\":\"AAPL\",\"price\":231,\"seq\":8}"));
        assertEquals(new BigDecimal("231"), cache.get("AAPL").orElseThrow().price());
        assertEquals(1, announced.size());
        assertEquals(0, stats.rejectedCount());
    }

    @Test
    void aSnapshotMessageTheFeedContractRefusesSaysWhyAndChangesNothing() {
        assertEquals(Optional.of(FeedRejection.MALFORMED),
                intake.onSnapshot("[{\"symbol\":\"AAPL\",\"price\":230.5,\"seq\":7}]"), "an array: one price a message there");
        assertEquals(Optional.of(FeedRejection.UNKNOWN_SYMBOL), intake.onSnapshot("{\"symbol\":\"ZZZZ\",\"price\":1}"));
        assertTrue(cache.get("AAPL").isEmpty());
        assertEquals(0, announced.size());
        assertEquals(0, stats.snapshotCount());
        assertEquals(0, stats.rejectedCount(), "the feed's counters are the topic's");
    }

    @Test
    void theTallySaysWhatWasNotAppliedAndWarnsOnlyForWhatTheContractRefuses() {
        SnapshotTally normal = new SnapshotTally();
        normal.add(Optional.empty());
        normal.add(Optional.of(FeedRejection.STALE_SEQUENCE));
        assertEquals("Snapshot from q::s: 1 of 2 prices applied in 12 ms; not applied: {STALE_SEQUENCE=1}",
                normal.line("q::s", 12));
        assertEquals(Level.INFO, normal.level());

        SnapshotTally broken = new SnapshotTally();
        broken.add(Optional.of(FeedRejection.MALFORMED));
        broken.add(Optional.of(FeedRejection.NOT_TEXT));
        broken.add(Optional.of(FeedRejection.MALFORMED));
        assertEquals(Level.WARNING, broken.level());
        assertTrue(broken.line("q::s", 3).startsWith(
                "Snapshot from q::s: 0 of 3 prices applied in 3 ms; not applied: {NOT_TEXT=1, MALFORMED=2} (STALE_SEQUENCE:"),
                broken.line("q::s", 3));
        assertEquals("Snapshot from q::s: 0 of 0 prices applied in 1 ms", new SnapshotTally().line("q::s", 1));
    }

    @Test
    void aLivePriceTheSnapshotAlreadyDeliveredIsRefusedAsAStaleSequence() {
        intake.onSnapshot("{\"symbol\":\"AAPL\",\"price\":230.5,\"seq\":7}");
        intake.onText("{\"symbol\":\"AAPL\",\"price\":230.5,\"seq\":7}");
        assertEquals(1, announced.size());
        assertEquals(1L, stats.rejectedByReason().get("STALE_SEQUENCE"));
    }

    @Test
    void theFirstPriceAfterASilenceAnnouncesLiveBeforeTheQuote() {
        List<Object> order = new ArrayList<>();
        FeedStatus watched = new FeedStatus(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(5), order::add);
        PriceIntake ordered = new PriceIntake(Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC), cache, stats, watched,
                order::add);
        watched.check(NOW.plusSeconds(20));
        ordered.onText("{\"symbol\":\"AAPL\",\"price\":231}");
        assertEquals(3, order.size());
        assertEquals(new FeedStatusChanged(true, NOW), order.get(0));
        assertEquals(new FeedStatusChanged(false, NOW.plusSeconds(30)), order.get(1));
        assertTrue(order.get(2) instanceof QuoteUpdated);
    }
}
