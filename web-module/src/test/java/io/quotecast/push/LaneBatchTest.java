package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.Session;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

/** Offers grouped by the connection's container thread: one hand-off per lane, order kept. */
class LaneBatchTest {

    /** A container I/O thread stand-in: keeps the tasks it is given until the test runs them. */
    static final class IoThread implements Executor {
        final List<Runnable> tasks = new ArrayList<>();
        boolean rejecting;

        @Override
        public void execute(Runnable task) {
            if (rejecting) {
                throw new RejectedExecutionException("shutting down");
            }
            tasks.add(task);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(tasks);
            tasks.clear();
            now.forEach(Runnable::run);
        }
    }

    private final PushStats stats = new PushStats();
    private final Subscriptions subscriptions = new Subscriptions();
    private final QuoteFanOut fanOut = new QuoteFanOut(subscriptions, stats);

    private QuoteFanOutTest.RecordingTransport subscribed(Lane lane, String symbol) {
        QuoteFanOutTest.RecordingTransport transport = new QuoteFanOutTest.RecordingTransport(lane);
        Subscriber subscriber = new Subscriber("s" + System.identityHashCode(transport), new Outbox(transport, 8, stats),
                io.quotecast.security.Entitlement.ALL);
        subscriber.outbox().hold(List.of(symbol));
        subscriptions.add(subscriber, List.of(symbol));
        subscriber.outbox().release(List.of(symbol), java.util.Map.of(), List.of());
        return transport;
    }

    @Test
    void oneUpdateForManySessionsIsOneTaskPerLaneAndNothingIsWrittenBeforeTheLaneRuns() {
        IoThread first = new IoThread();
        IoThread second = new IoThread();
        Lane firstLane = new Lane(first);
        List<QuoteFanOutTest.RecordingTransport> onFirst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            onFirst.add(subscribed(firstLane, "AAPL"));
        }
        QuoteFanOutTest.RecordingTransport onSecond = subscribed(new Lane(second), "AAPL");
        QuoteFanOutTest.RecordingTransport noLane = subscribed(null, "AAPL");

        fanOut.onUpdate(QuoteFanOutTest.update("AAPL", 1));

        assertEquals(1, first.tasks.size(), "fifty sessions, one hand-off");
        assertEquals(1, second.tasks.size());
        assertEquals(1, noLane.frames.size(), "without a lane, written on the calling thread");
        assertEquals(0, onFirst.get(0).frames.size(), "the lane writes, not the feed thread");

        first.runAll();
        second.runAll();

        onFirst.forEach(t -> assertEquals(1, t.frames.size()));
        assertEquals(1, onSecond.frames.size());
    }

    @Test
    void updatesOfASymbolReachASessionInFeedOrder() {
        IoThread thread = new IoThread();
        // Room for three, so that all three wait for the thread (the server's lanes take one at a time).
        QuoteFanOutTest.RecordingTransport transport = subscribed(new Lane(thread, 3, 20), "AAPL");

        fanOut.onUpdate(QuoteFanOutTest.update("AAPL", 1));
        fanOut.onUpdate(QuoteFanOutTest.update("AAPL", 2));
        fanOut.onUpdate(QuoteFanOutTest.update("AAPL", 3));
        thread.runAll();

        assertEquals(3, transport.frames.size(), transport.frames.toString());
        for (int i = 0; i < 3; i++) {
            assertEquals(true, transport.frames.get(i).contains("\"seq\":" + (i + 1)), transport.frames.get(i));
        }
    }

    @Test
    void updatesThatWaitedTogetherReachAnIoThreadAsOneTaskInFeedOrder() {
        IoThread thread = new IoThread();
        QuoteFanOutTest.RecordingTransport transport = subscribed(new Lane(thread), "AAPL");
        Subscriber subscriber = subscriptions.of("AAPL").iterator().next();
        subscriber.outbox().hold(List.of("MSFT"));
        subscriptions.add(subscriber, List.of("MSFT"));
        subscriptions.of("AAPL").iterator().next().outbox().release(List.of("MSFT"), java.util.Map.of(), List.of());
        QuoteFanOutTest.Tasks drainer = new QuoteFanOutTest.Tasks();
        QuoteFanOut behind = new QuoteFanOut(subscriptions, stats, drainer);

        behind.onUpdate(QuoteFanOutTest.update("AAPL", 1));
        behind.onUpdate(QuoteFanOutTest.update("MSFT", 1));
        behind.onUpdate(QuoteFanOutTest.update("AAPL", 2));
        drainer.runAll();

        assertEquals(1, thread.tasks.size(), "three updates, one hand-off");
        thread.runAll();
        assertEquals(3, transport.frames.size());
        assertEquals(true, transport.frames.get(0).contains("\"AAPL\"") && transport.frames.get(0).contains("\"seq\":1,"));
        assertEquals(true, transport.frames.get(1).contains("\"MSFT\""));
        assertEquals(true, transport.frames.get(2).contains("\"seq\":2,"));
    }

    @Test
    void aLaneThatRefusesWorkIsServedOnTheCallingThread() {
        IoThread closing = new IoThread();
        closing.rejecting = true;
        QuoteFanOutTest.RecordingTransport transport = subscribed(new Lane(closing), "AAPL");

        fanOut.onUpdate(QuoteFanOutTest.update("AAPL", 1));

        assertEquals(1, transport.frames.size(), "the quote is not lost because its I/O thread is going away");
    }

    @Test
    void oneFailingOutboxDoesNotCostTheOthersOfItsLaneTheirUpdate() {
        IoThread thread = new IoThread();
        Lane lane = new Lane(thread);
        List<String> done = new ArrayList<>();
        java.util.function.Consumer<Outbox> failsFirst = outbox -> {
            if (done.isEmpty()) {
                done.add("failed");
                throw new IllegalStateException("boom");
            }
            done.add("ok");
        };
        LaneBatch batch = new LaneBatch();
        for (int i = 0; i < 3; i++) {
            batch.add(new Outbox(new QuoteFanOutTest.RecordingTransport(lane), 8, stats), failsFirst);
        }
        batch.dispatch();
        thread.runAll();

        assertEquals(List.of("failed", "ok", "ok"), done);
    }

    @Test
    void targetsGivenWholeGoToTheirLaneInOneTaskInOrderWithWhatWasAddedAround() {
        IoThread thread = new IoThread();
        Lane lane = new Lane(thread);
        Outbox before = new Outbox(new QuoteFanOutTest.RecordingTransport(lane), 8, stats);
        Outbox after = new Outbox(new QuoteFanOutTest.RecordingTransport(lane), 8, stats);
        List<String> done = new ArrayList<>();
        LaneBatch batch = new LaneBatch();

        batch.add(before, outbox -> done.add("before"));
        batch.addAll(lane, new String[] {"a", "b", "c"}, done::add);
        batch.add(after, outbox -> done.add("after"));
        batch.dispatch();

        assertEquals(List.of(), done, "nothing done before the lane runs");
        assertEquals(1, thread.tasks.size());
        thread.runAll();
        assertEquals(List.of("before", "a", "b", "c", "after"), done);
    }

    @Test
    void targetsGivenWholeWithoutALaneAreDoneAtOnceEachOnItsOwn() {
        List<String> done = new ArrayList<>();
        java.util.function.Consumer<String> failsOnB = target -> {
            if (target.equals("b")) {
                throw new IllegalStateException("boom");
            }
            done.add(target);
        };

        new LaneBatch().addAll(null, new String[] {"a", "b", "c"}, failsOnB);

        assertEquals(List.of("a", "c"), done, "one failure does not cost the others theirs");
    }

    @Test
    void aLaneThatIsBehindMakesTheFeedWaitAndThenWritesItselfSoNothingQueuesWithoutBound() {
        IoThread stalled = new IoThread();
        Lane lane = new Lane(stalled, 4, 20);
        QuoteFanOutTest.RecordingTransport transport = subscribed(lane, "AAPL");

        for (int seq = 1; seq <= 6; seq++) {
            fanOut.onUpdate(QuoteFanOutTest.update("AAPL", seq));
        }

        assertEquals(4, stalled.tasks.size(), "at most four updates wait for the I/O thread");
        assertEquals(4, lane.waiting());
        assertEquals(2, transport.frames.size(), "the fifth and sixth were written by the feed's thread after waiting");
        stalled.runAll();
        assertEquals(0, lane.waiting(), "room again once the thread ran them");
        assertEquals(2, transport.frames.size(), "the queued older updates are not written after newer ones");
        assertEquals(4, stats.quotesConflated(), "but counted as superseded, not lost silently");
    }

    @Test
    void aContainerWithoutIoThreadsGivesNoLane() {
        Session tyrusLike = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (self, method, args) -> null);

        assertNull(ContainerIoThread.channel(tyrusLike));
        assertNull(ContainerIoThread.ioThread(ContainerIoThread.channel(tyrusLike)));
    }
}
