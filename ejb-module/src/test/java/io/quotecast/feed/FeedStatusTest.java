package io.quotecast.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FeedStatusTest {

    private static final Instant START = Instant.parse("2026-11-21T20:00:00Z");

    private final List<FeedStatusChanged> announced = new ArrayList<>();
    private final FeedStatus status = new FeedStatus(Clock.fixed(START, ZoneOffset.UTC), Duration.ofSeconds(5),
            announced::add);

    @Test
    void theFeedIsLiveWhilePricesArriveWithinTheBound() {
        status.priceArrived(START.plusSeconds(4));
        status.check(START.plusSeconds(9));
        assertFalse(status.stale());
        assertEquals(List.of(), announced);
    }

    @Test
    void silenceLongerThanTheBoundIsAnnouncedStaleOnceWithTheLastPriceTime() {
        status.priceArrived(START.plusSeconds(1));
        status.check(START.plusSeconds(6));
        assertFalse(status.stale(), "exactly the bound is not yet stale");
        status.check(START.plusMillis(6001));
        status.check(START.plusSeconds(8));
        assertTrue(status.stale());
        assertEquals(List.of(new FeedStatusChanged(true, START.plusSeconds(1))), announced);
        assertEquals("stale", status.current().feed());
        assertEquals(1, status.staleCount());
    }

    @Test
    void theFirstPriceAfterTheSilenceAnnouncesLiveOnce() {
        status.check(START.plusSeconds(10));
        status.priceArrived(START.plusSeconds(12));
        status.priceArrived(START.plusSeconds(13));
        assertFalse(status.stale());
        assertEquals(List.of(new FeedStatusChanged(true, START), new FeedStatusChanged(false, START.plusSeconds(12))),
                announced);
    }

    @Test
    void aNodeThatNeverGetsAPriceGoesStaleAfterTheBoundFromStart() {
        status.check(START.plusSeconds(6));
        assertTrue(status.stale());
    }
}
