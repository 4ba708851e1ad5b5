package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quotecast.quote.Quote;
import io.quotecast.quote.QuoteUpdated;
import io.quotecast.security.Entitlement;

class QuoteFanOutTest {

    /**
     * Keeps the very frame objects it was given, completing every send at once; on {@code lane}
     * if given. Any thread may read the frames while another writes.
     */
    static final class RecordingTransport implements Outbox.Transport {
        final List<String> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Lane lane;

        RecordingTransport() {
            this(null);
        }

        RecordingTransport(Lane lane) {
            this.lane = lane;
        }

        @Override
        public void send(String frame, SendHandler done) {
            frames.add(frame);
            synchronized (this) {
                notifyAll();
            }
            done.onResult(new SendResult());
        }

        /** Waits until {@code count} frames were sent, for at most {@code bound}; false if they never were. */
        synchronized boolean awaitFrames(int count, java.time.Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            while (frames.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        @Override
        public void close(CloseReason reason) {
        }

        @Override
        public Lane lane() {
            return lane;
        }
    }

    private final PushStats stats = new PushStats();
    private final Subscriptions subscriptions = new Subscriptions();
    private final QuoteFanOut fanOut = new QuoteFanOut(subscriptions, stats);

    private RecordingTransport subscribed(String id, String... symbols) {
        RecordingTransport transport = new RecordingTransport();
        Subscriber subscriber = new Subscriber(id, new Outbox(transport, 8, stats), Entitlement.ALL);
        List<String> list = List.of(symbols);
        subscriber.outbox().hold(list);
        subscriptions.add(subscriber, list);
        subscriber.outbox().release(list, Map.of(), List.of());
        return transport;
    }

    static QuoteUpdated update(String symbol, long seq) {
        return new QuoteUpdated(new Quote(symbol, new BigDecimal("229.87"), new BigDecimal("1.25"),
                new BigDecimal("0.55"), 1200, seq, Instant.parse("2026-11-21T20:33:06.120Z")));
    }

    @Test
    void everySubscriberOfTheSymbolGetsTheVerySameEncodedFrame() {
        RecordingTransport one = subscribed("one", "AAPL");
        RecordingTransport two = subscribed("two", "AAPL", "MSFT");
        RecordingTransport three = subscribed("three", "AAPL");

        fanOut.onUpdate(update("AAPL", 7));

        assertEquals(List.of("{\"type\":\"quote\",\"symbol\":\"AAPL\",\"price\":229.87,\"change\":1.25,\"changePercent\":0.55,"
                + "\"volume\":1200,\"seq\":7,\"time\":\"2026-11-21T20:33:06.120Z\"}"), one.frames);
        assertEquals(1, two.frames.size());
        assertEquals(1, three.frames.size());
        assertSame(one.frames.get(0), two.frames.get(0), "encoded once");
        assertSame(one.frames.get(0), three.frames.get(0), "encoded once");
    }

    @Test
    void aSessionThatUnsubscribesAndSubscribesAgainGetsTheUpdatesAfterwardsOnceAndNothingBetween() {
        RecordingTransport transport = new RecordingTransport();
        Subscriber subscriber = new Subscriber("again", new Outbox(transport, 8, stats), Entitlement.ALL);
        List<String> aapl = List.of("AAPL");
        subscriber.outbox().hold(aapl);
        subscriptions.add(subscriber, aapl);
        subscriber.outbox().release(aapl, Map.of(), List.of());
        fanOut.onUpdate(update("AAPL", 1));
        Outbox.Slot first = subscriptions.slotsByLane("AAPL")[0].slots()[0];

        subscriptions.remove(subscriber, aapl);
        subscriber.outbox().stop(aapl, "unsubscribed");
        fanOut.onUpdate(update("AAPL", 2));
        subscriber.outbox().hold(aapl);
        subscriptions.add(subscriber, aapl);
        subscriber.outbox().release(aapl, Map.of(), List.of("subscribed"));
        // A fan-out that read the index before the unsubscribe still holds the first slot.
        subscriber.outbox().offerQuote(first, 3, "through the old slot");
        fanOut.onUpdate(update("AAPL", 4));

        assertEquals(4, transport.frames.size(), transport.frames.toString());
        assertTrue(transport.frames.get(0).contains("\"seq\":1"));
        assertEquals(List.of("unsubscribed", "subscribed"), transport.frames.subList(1, 3));
        assertTrue(transport.frames.get(3).contains("\"seq\":4"), "the renewed subscription's slot is the one offered to");
        assertEquals(Set.of(subscriber), subscriptions.of("AAPL"));
    }

    @Test
    void onlySubscribersOfThatSymbolGetIt() {
        RecordingTransport apple = subscribed("apple", "AAPL");
        RecordingTransport microsoft = subscribed("microsoft", "MSFT");

        fanOut.onUpdate(update("MSFT", 1));

        assertEquals(List.of(), apple.frames);
        assertEquals(1, microsoft.frames.size());
    }

    @Test
    void everyUpdateIsCountedEvenWithoutSubscribers() {
        fanOut.onUpdate(update("AAPL", 1));
        subscribed("one", "AAPL");
        fanOut.onUpdate(update("AAPL", 2));

        assertEquals(2, stats.updatesReceived());
    }

    @Test
    void aClosedSubscriberDoesNotStopTheOthers() {
        RecordingTransport first = subscribed("first", "AAPL");
        Outbox.Transport failing = new Outbox.Transport() {
            @Override
            public void send(String frame, SendHandler done) {
                throw new IllegalStateException("session closed");
            }

            @Override
            public void close(CloseReason reason) {
            }
        };
        Subscriber broken = new Subscriber("broken", new Outbox(failing, 8, stats), Entitlement.ALL);
        broken.outbox().hold(List.of("AAPL"));
        subscriptions.add(broken, List.of("AAPL"));
        broken.outbox().release(List.of("AAPL"), Map.of(), List.of());
        RecordingTransport last = subscribed("last", "AAPL");

        fanOut.onUpdate(update("AAPL", 1));
        fanOut.onUpdate(update("AAPL", 2));

        assertEquals(2, first.frames.size());
        assertEquals(2, last.frames.size());
    }

    // Paced subscribers (maxRate) take the newest quote from the pacer's LatestFrames when due.

    private final Pacer pacer = new Pacer();
    private final QuoteFanOut pacedFanOut = new QuoteFanOut(subscriptions, stats, pacer);

    @Test
    void aPacedSubscriberIsNotOfferedEachUpdateButTakesTheNewestWhenDueWhileOthersGetEvery() throws Exception {
        long[] clock = {1_000_000_000L};
        RecordingTransport everything = subscribed("everything", "AAPL");
        RecordingTransport paced = new RecordingTransport();
        Subscriber pacedSubscriber = new Subscriber("paced", new Outbox(paced, 8, stats, () -> clock[0], pacer), Entitlement.ALL);
        List<String> aapl = List.of("AAPL");
        subscriptions.add(pacedSubscriber, aapl, pacedSubscriber.outbox().hold(aapl, 1_000_000_000L, false));
        pacedSubscriber.outbox().release(aapl, Map.of(), List.of());

        pacedFanOut.onUpdate(update("AAPL", 1));
        pacedFanOut.onUpdate(update("AAPL", 2));
        pacedFanOut.onUpdate(update("AAPL", 3));
        assertEquals(3, everything.frames.size());
        assertEquals(1, paced.frames.size(), "the first at once, woken from its parking");
        assertTrue(paced.frames.get(0).contains("\"seq\":1"));

        clock[0] += 1_000_000_000L;
        pacer.tick(clock[0]);

        assertEquals(2, paced.frames.size());
        assertTrue(paced.frames.get(1).contains("\"seq\":3"), paced.frames::toString);
        assertSame(everything.frames.get(2), paced.frames.get(1), "the same encoded frame");
        assertEquals(1, stats.quotesConflated(), "seq 2, skipped by the paced subscriber");
    }

    @Test
    void aSymbolNobodyWantsIsNotEncoded() {
        pacedFanOut.onUpdate(update("AAPL", 1));

        assertEquals(null, pacer.latest().get("AAPL"));
    }

    // The feed's thread leaves updates in slots; a task on the executor fans them out.

    /** Keeps the tasks it is given until the test runs them, as a busy executor would. */
    static final class Tasks implements java.util.concurrent.Executor {
        final java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.poll().run();
            }
        }
    }

    private final Tasks tasks = new Tasks();
    /** Room for two waiting updates, so that the test can fill it. */
    private final QuoteFanOut behind = new QuoteFanOut(subscriptions, stats, new Pacer(), tasks, 2);

    @Test
    void theFeedsThreadOnlyLeavesTheUpdateAndOneTaskFansItOut() {
        RecordingTransport one = subscribed("one", "AAPL");

        behind.onUpdate(update("AAPL", 1));

        assertEquals(List.of(), one.frames, "nothing written on the feed's thread");
        assertEquals(1, tasks.queued.size());
        tasks.runAll();
        assertEquals(1, one.frames.size());
        assertEquals(0, stats.updatesConflated());
    }

    @Test
    void aFanOutALittleBehindLosesNothingAndOneThatStaysBehindSendsTheNewest() {
        RecordingTransport one = subscribed("one", "AAPL", "MSFT");

        behind.onUpdate(update("AAPL", 1));
        behind.onUpdate(update("AAPL", 2));
        assertEquals(0, stats.updatesConflated(), "two wait as they came");
        for (int seq = 3; seq <= 5; seq++) {
            behind.onUpdate(update("AAPL", seq));
        }
        behind.onUpdate(update("MSFT", 9));

        assertEquals(1, tasks.queued.size(), "one pass at a time");
        tasks.runAll();
        assertEquals(List.of("AAPL:1", "AAPL:5", "MSFT:9"), one.frames.stream()
                .map(f -> f.replaceAll(".*\"symbol\":\"(\\w+)\".*\"seq\":(\\d+),.*", "$1:$2")).toList());
        assertEquals(3, stats.updatesConflated(), "AAPL 2 to 4 replaced in turn by the newer one, in its place");
        assertEquals(6, stats.updatesReceived());
    }

    @Test
    void anUpdateThatArrivesDuringAPassIsFannedOutByTheNextOne() {
        RecordingTransport one = subscribed("one", "AAPL");
        Outbox.Transport feedsAgainWhileWriting = new Outbox.Transport() {
            @Override
            public void send(String frame, SendHandler done) {
                if (frame.contains("\"seq\":1,")) {
                    behind.onUpdate(update("AAPL", 2)); // the feed's thread, while the pass writes
                }
                done.onResult(new SendResult());
            }

            @Override
            public void close(CloseReason reason) {
            }
        };
        Subscriber writer = new Subscriber("writer", new Outbox(feedsAgainWhileWriting, 8, stats), Entitlement.ALL);
        writer.outbox().hold(List.of("AAPL"));
        subscriptions.add(writer, List.of("AAPL"));
        writer.outbox().release(List.of("AAPL"), Map.of(), List.of());

        behind.onUpdate(update("AAPL", 1));
        tasks.runAll();

        assertEquals(2, one.frames.size(), "seq 2 was not left behind in its slot");
        assertEquals(0, tasks.queued.size());
    }
}
