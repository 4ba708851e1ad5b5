package io.quotecast.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PublishScheduleTest {

    private static final long MS = 1_000_000L;
    private static final long START = 123_456_789_000L;

    @Test
    void nothingIsDueAtTheStart() {
        assertEquals(0, new PublishSchedule(100, START).due(START));
    }

    @Test
    void regularTicksPublishTheRatePerSecond() {
        PublishSchedule schedule = new PublishSchedule(100, START);

        for (int tick = 1; tick <= 100; tick++) {
            assertEquals(10, schedule.due(START + tick * 100 * MS), "tick " + tick);
        }
    }

    @Test
    void jitteryTicksStillAddUpToTheRateOverElapsedTime() {
        PublishSchedule schedule = new PublishSchedule(1000, START);
        long[] gapsMs = {93, 117, 100, 250, 61, 100, 3, 140, 136, 0};
        long now = START;
        long total = 0;
        for (int round = 0; round < 100; round++) {
            for (long gap : gapsMs) {
                now += gap * MS + 123;
                total += schedule.due(now);
            }
        }

        long exact = (now - START) / MS; // 1000/s is one per millisecond
        assertTrue(total <= exact && total >= exact - 1, "published " + total + ", exact " + exact);
    }

    @Test
    void fractionOfAPriceCarriesToLaterTicks() {
        PublishSchedule schedule = new PublishSchedule(3, START);
        int total = 0;
        for (int tick = 1; tick <= 15; tick++) {
            int due = schedule.due(START + tick * 100 * MS);
            assertTrue(due == 0 || due == 1, "tick " + tick + " gave " + due);
            total += due;
            if (tick == 5) {
                assertEquals(1, total, "0.3 per tick: one after 1.5");
            }
        }

        assertEquals(4, total, "0.3 per tick: four after 4.5");
    }

    @Test
    void aLongStallIsMadeUpForWithAtMostOneSecondsWorth() {
        PublishSchedule schedule = new PublishSchedule(100, START);
        schedule.due(START + 100 * MS);

        int afterStall = schedule.due(START + 100 * MS + 30_000 * MS);
        int next = schedule.due(START + 100 * MS + 30_100 * MS);

        assertEquals(100, afterStall);
        assertEquals(10, next, "the stall leaves no backlog behind");
    }

    @Test
    void aClockThatGoesBackwardsDueNothingAndDoesNotStallLaterTicks() {
        PublishSchedule schedule = new PublishSchedule(100, START);

        assertEquals(0, schedule.due(START - 500 * MS));
        assertEquals(10, schedule.due(START - 400 * MS));
    }

    @Test
    void aHighRateOverASecondFitsInAnInt() {
        assertEquals(1_000_000, new PublishSchedule(1_000_000, START).due(START + 1000 * MS));
    }
}
