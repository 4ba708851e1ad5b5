package io.quotecast.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.quotecast.instrument.Instrument;

class PublishLoopTest {

    private static final Clock WALL = Clock.fixed(Instant.parse("2026-11-21T20:00:00Z"), ZoneOffset.UTC);

    /** A nano clock that waiting moves forward, and a sink that can take time per send. */
    private static class FakeTime implements PriceSink {
        long now = 1_000;
        long sendCost;
        final List<Long> sentAt = new ArrayList<>();
        final List<String> sent = new ArrayList<>();
        final List<String> snapshot = new ArrayList<>();

        @Override
        public void send(String symbol, String json) {
            assertTrue(json.startsWith("{\"symbol\":\"" + symbol + "\""), json);
            sendAll(json);
        }

        @Override
        public void sendAll(String json) {
            sentAt.add(now);
            sent.add(json);
            now += sendCost;
        }

        @Override
        public void sendToSnapshot(String symbol, String json) {
            snapshot.add(symbol + " " + json);
        }

        @Override
        public void close() {
        }
    }

    private static PublishLoop loop(Plan plan, FakeTime time, PublishCounters counters) {
        return loop(plan, time, counters, PublishLoop.Batching.NONE);
    }

    private static PublishLoop loop(Plan plan, FakeTime time, PublishCounters counters, PublishLoop.Batching batching) {
        return new PublishLoop(plan, time, counters, () -> time.now, due -> time.now = Math.max(time.now, due),
                WALL, 5_000_000L, batching);
    }

    @Test
    void aRandomWalkSendsEachPriceInItsSlot() throws Exception {
        FakeTime time = new FakeTime();
        PublishCounters counters = new PublishCounters();
        Plan plan = new WalkPlan(Publisher.instruments(List.of("AAPL", "MSFT"), Optional.empty()), 100, new SplittableRandom(1));
        loop(plan, time, counters).run(42, 5, 0, 0, c -> { });
        assertEquals(List.of(1_000L, 10_001_000L, 20_001_000L, 30_001_000L, 40_001_000L), time.sentAt);
        assertEquals(5, counters.sentCount());
        assertEquals(0, counters.lateCount());
        assertTrue(time.sent.get(0).contains("\"seq\":42"), time.sent.get(0));
        assertTrue(time.sent.get(4).contains("\"seq\":46"), time.sent.get(4));
        assertTrue(time.sent.get(0).contains("\"time\":\"2026-11-21T20:00:00.000Z\""), time.sent.get(0));
    }

    @Test
    void aSlowBrokerMakesSendsLateButNeverMovesTheSchedule() throws InterruptedException {
        FakeTime time = new FakeTime();
        time.sendCost = 25_000_000L; // each send takes 25 ms; slots are 10 ms apart
        PublishCounters counters = new PublishCounters();
        Plan plan = new WalkPlan(List.of(new Instrument("AAPL", "XNAS", "Apple", new java.math.BigDecimal("200"))),
                100, new SplittableRandom(1));
        loop(plan, time, counters).run(1, 4, 0, 0, c -> { });
        // Slots at 0, 10, 20, 30 ms; sends start at 0, 25, 50, 75 ms: three late, the worst by 45 ms.
        assertEquals(List.of(1_000L, 25_001_000L, 50_001_000L, 75_001_000L), time.sentAt);
        assertEquals(3, counters.lateCount());
        assertEquals(45, counters.maxLateMillis());
        assertEquals("sent=4 messages=4 late=3 maxLateMs=45 failed=0 snapshotFailed=0", counters.line());
    }

    @Test
    void aReplayKeepsItsOffsetsAndStopsAtTheEnd() throws InterruptedException {
        FakeTime time = new FakeTime();
        PublishCounters counters = new PublishCounters();
        loop(new ReplayPlan(new StringReader("0,AAPL,1\n500,MSFT,2,10\n1500,AAPL,3\n"), "t"), time, counters)
                .run(1, 0, 0, 0, c -> { });
        assertEquals(List.of(1_000L, 500_001_000L, 1_500_001_000L), time.sentAt);
        assertTrue(time.sent.get(1).startsWith("{\"symbol\":\"MSFT\",\"price\":2,\"volume\":10,\"seq\":2"), time.sent.get(1));
    }

    @Test
    void theDurationEndsThePlanAndFailedSendsAreCounted() throws InterruptedException {
        FakeTime time = new FakeTime() {
            @Override
            public void send(String symbol, String json) {
                throw new IllegalStateException("broker gone");
            }
        };
        PublishCounters counters = new PublishCounters();
        loop(new ReplayPlan(new StringReader("0,AAPL,1\n900,AAPL,2\n1000,AAPL,3\n"), "t"), time, counters)
                .run(1, 0, 1_000_000_000L, 0, c -> { });
        assertEquals(2, counters.failedCount());
        assertEquals(0, counters.sentCount());
    }

    @Test
    void withAWindowThePricesDueWithinItOfAMessagesFirstLeaveTogetherAtItsSlot() throws Exception {
        FakeTime time = new FakeTime();
        PublishCounters counters = new PublishCounters();
        Plan plan = new WalkPlan(Publisher.instruments(List.of("AAPL", "MSFT"), Optional.empty()), 100,
                new SplittableRandom(1));
        // Slots 10 ms apart, a 25 ms window: 0-10-20 together at 0 ms, 30-40-50 at 30 ms, then 60 alone (the limit).
        loop(plan, time, counters, new PublishLoop.Batching(25_000_000L, false)).run(42, 7, 0, 0, c -> { });
        assertEquals(List.of(1_000L, 30_001_000L, 60_001_000L), time.sentAt);
        assertTrue(time.sent.get(0).startsWith("[{\"symbol\":") && time.sent.get(0).contains("\"seq\":42"),
                time.sent.get(0));
        assertEquals(3, time.sent.get(1).split("\"seq\":").length - 1, time.sent.get(1));
        assertTrue(time.sent.get(1).contains("\"seq\":45") && time.sent.get(1).contains("\"seq\":47"), time.sent.get(1));
        assertTrue(time.sent.get(2).startsWith("{\"symbol\":") && time.sent.get(2).contains("\"seq\":48"),
                "a message of one price is a lone object: " + time.sent.get(2));
        assertEquals("sent=7 messages=3 late=0 maxLateMs=0 failed=0 snapshotFailed=0", counters.line());
        assertEquals(List.of(), time.snapshot, "no copies unless asked for");
    }

    @Test
    void snapshotCopiesCarryEachSymbolsNewestPriceOfAMessageAlone() throws InterruptedException {
        FakeTime time = new FakeTime();
        PublishCounters counters = new PublishCounters();
        loop(new ReplayPlan(new StringReader("0,AAPL,1\n1,MSFT,2\n2,AAPL,3\n40,AAPL,4\n"), "t"), time, counters,
                new PublishLoop.Batching(10_000_000L, true)).run(1, 0, 0, 0, c -> { });
        assertEquals(2, time.sent.size(), () -> "one array, then the 40 ms price alone: " + time.sent);
        assertTrue(time.sent.get(0).startsWith("[{\"symbol\":\"AAPL\",\"price\":1,"), time.sent.get(0));
        assertEquals(2, time.snapshot.size(), () -> "AAPL's newest and MSFT's: " + time.snapshot);
        assertTrue(time.snapshot.get(0).startsWith("AAPL {\"symbol\":\"AAPL\",\"price\":3,") && time.snapshot.get(0).contains("\"seq\":3"),
                time.snapshot.get(0));
        assertTrue(time.snapshot.get(1).startsWith("MSFT {\"symbol\":\"MSFT\",\"price\":2,"), time.snapshot.get(1));
        assertEquals("sent=4 messages=2 late=0 maxLateMs=0 failed=0 snapshotFailed=0", counters.line(),
                "a lone price reaches the last-value queue through the topic: no copy");
    }

    @Test
    void aFailedMessageCountsEachOfItsPricesAndAFailedCopyIsCountedApart() throws InterruptedException {
        FakeTime time = new FakeTime() {
            int messages;

            @Override
            public void sendAll(String json) {
                if (messages++ == 0) {
                    throw new IllegalStateException("broker gone");
                }
                super.sendAll(json);
            }

            @Override
            public void sendToSnapshot(String symbol, String json) {
                throw new IllegalStateException("queue gone");
            }
        };
        PublishCounters counters = new PublishCounters();
        loop(new ReplayPlan(new StringReader("0,AAPL,1\n1,MSFT,2\n50,AAPL,3\n51,MSFT,4\n"), "t"), time, counters,
                new PublishLoop.Batching(10_000_000L, true)).run(1, 0, 0, 0, c -> { });
        assertEquals(2, counters.failedCount());
        assertEquals(2, counters.sentCount());
        assertEquals(2, counters.snapshotFailedCount(), "both copies of the message that went out");
    }

    @Test
    void theDurationEndsABatchingPlanAtTheSamePrice() throws InterruptedException {
        FakeTime time = new FakeTime();
        PublishCounters counters = new PublishCounters();
        loop(new ReplayPlan(new StringReader("0,AAPL,1\n900,AAPL,2\n999,MSFT,3\n1000,AAPL,4\n1001,MSFT,5\n"), "t"), time,
                counters, new PublishLoop.Batching(500_000_000L, false)).run(1, 0, 1_000_000_000L, 0, c -> { });
        assertEquals(3, counters.sentCount(), "the prices due before 1 s, none after");
        assertEquals(List.of(1_000L, 900_001_000L), time.sentAt);
    }
}
