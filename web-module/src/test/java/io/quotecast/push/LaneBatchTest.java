package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
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
    static final class Lane implements Executor {
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

    /** A transport on {@code lane} that records what was written. */
    static final class LaneTransport implements Outbox.Transport {
        final Executor lane;
        final List<String> frames = new ArrayList<>();

        LaneTransport(Executor lane) {
            this.lane = lane;
        }

        @Override
        public void send(String frame, SendHandler done) {
            frames.add(frame);
            done.onResult(new SendResult());
        }

        @Override
        public void close(CloseReason reason) {
        }

        @Override
        public Executor lane() {
            return lane;
        }
    }

    private final PushStats stats = new PushStats();
    private final Subscriptions subscriptions = new Subscriptions();
    private final QuoteFanOut fanOut = new QuoteFanOut(subscriptions, stats);

    private LaneTransport subscribed(Executor lane, String symbol) {
        LaneTransport transport = new LaneTransport(lane);
        Subscriber subscriber = new Subscriber("s" + System.identityHashCode(transport), new Outbox(transport, 8, stats),
                io.quotecast.security.Entitlement.ALL);
        subscriber.outbox().hold(List.of(symbol));
        subscriptions.add(subscriber, List.of(symbol));
        subscriber.outbox().release(List.of(symbol), java.util.Map.of(), List.of());
        return transport;
    }

    @Test
    void oneUpdateForManySessionsIsOneTaskPerLaneAndNothingIsWrittenBeforeTheLaneRuns() {
        Lane first = new Lane();
        Lane second = new Lane();
        List<LaneTransport> onFirst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            onFirst.add(subscribed(first, "AAPL"));
        }
        LaneTransport onSecond = subscribed(second, "AAPL");
        LaneTransport noLane = subscribed(null, "AAPL");

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
        Lane lane = new Lane();
        LaneTransport transport = subscribed(lane, "AAPL");

        fanOut.onUpdate(QuoteFanOutTest.update("AAPL", 1));
        fanOut.onUpdate(QuoteFanOutTest.update("AAPL", 2));
        fanOut.onUpdate(QuoteFanOutTest.update("AAPL", 3));
        lane.runAll();

        assertEquals(3, transport.frames.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(true, transport.frames.get(i).contains("\"seq\":" + (i + 1)), transport.frames.get(i));
        }
    }

    @Test
    void aLaneThatRefusesWorkIsServedOnTheCallingThread() {
        Lane closing = new Lane();
        closing.rejecting = true;
        LaneTransport transport = subscribed(closing, "AAPL");

        fanOut.onUpdate(QuoteFanOutTest.update("AAPL", 1));

        assertEquals(1, transport.frames.size(), "the quote is not lost because its I/O thread is going away");
    }

    @Test
    void oneFailingOutboxDoesNotCostTheOthersOfItsLaneTheirUpdate() {
        Lane lane = new Lane();
        List<String> done = new ArrayList<>();
        LaneBatch batch = new LaneBatch(outbox -> {
            if (done.isEmpty()) {
                done.add("failed");
                throw new IllegalStateException("boom");
            }
            done.add("ok");
        });
        for (int i = 0; i < 3; i++) {
            batch.add(new Outbox(new LaneTransport(lane), 8, stats));
        }
        batch.dispatch();
        lane.runAll();

        assertEquals(List.of("failed", "ok", "ok"), done);
    }

    @Test
    void aContainerWithoutIoThreadsGivesNoLane() {
        Session tyrusLike = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (self, method, args) -> null);

        assertNull(ContainerIoThread.of(tyrusLike));
    }
}
