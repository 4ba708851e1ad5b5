package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pacer on a real scheduler: ticks while a session paces something, and only then. */
class PacerTest {

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final Pacer pacer = new Pacer();
    private final QuoteFanOutTest.RecordingTransport transport = new QuoteFanOutTest.RecordingTransport();
    private final List<String> frames = transport.frames;
    private final Outbox outbox = new Outbox(transport, 8, new PushStats(), System::nanoTime, pacer);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private void publish(String symbol, long seq) {
        LaneBatch wakes = new LaneBatch();
        pacer.latest().put(symbol, seq, symbol + ":" + seq, wakes);
        wakes.dispatch();
    }

    @Test
    void noTickIsScheduledWhileNoSessionPaces() {
        pacer.start(scheduler);

        assertEquals(0, scheduler.getQueue().size());
    }

    @Test
    void aPacedQuoteIsWrittenByATickAndTheTicksStopOnceNothingIsPaced() throws Exception {
        pacer.start(scheduler);
        outbox.hold(List.of("AAPL"), Duration.ofMillis(50).toNanos(), false);
        outbox.release(List.of("AAPL"), Map.of(), List.of());

        publish("AAPL", 1);
        publish("AAPL", 2);
        assertEquals(List.of("AAPL:1"), frames, "the first at once, the second when due");

        assertTrue(transport.awaitFrames(2, Duration.ofSeconds(5)), "paced quote written by a tick");
        assertEquals(List.of("AAPL:1", "AAPL:2"), frames);

        outbox.stop(List.of("AAPL"), "unsubscribed");
        assertEquals(0, pacer.trackedCount());
        // The one scheduler thread runs tasks in the order they come due: once a task due after
        // a whole tick has run, the tick that was pending when AAPL stopped has run too.
        scheduler.schedule(() -> { }, 2 * Pacer.TICK_MILLIS, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        assertEquals(0, scheduler.getQueue().size(), "no tick scheduled once nothing is paced");
    }

    @Test
    void aTickDoesNotWakeAgainAnOutboxWhoseLastWakeHasNotRunYet() {
        // An I/O thread that is behind: it runs what it is handed only when the test says so.
        java.util.ArrayDeque<Runnable> handedOver = new java.util.ArrayDeque<>();
        Lane behind = new Lane(handedOver::add, 8, 0);
        QuoteFanOutTest.RecordingTransport onLane = new QuoteFanOutTest.RecordingTransport(behind);
        long[] clock = {0};
        Outbox late = new Outbox(onLane, 8, new PushStats(), () -> clock[0], pacer);
        late.hold(List.of("AAPL"), Duration.ofMillis(50).toNanos(), false);
        late.release(List.of("AAPL"), Map.of(), List.of());
        while (!handedOver.isEmpty()) {
            handedOver.poll().run();
        }
        publish("AAPL", 1);
        while (!handedOver.isEmpty()) {
            handedOver.poll().run();
        }
        publish("AAPL", 2);
        assertEquals(List.of("AAPL:1"), onLane.frames);

        clock[0] = Duration.ofMillis(50).toNanos();
        pacer.tick(clock[0]);
        clock[0] += Duration.ofMillis(Pacer.TICK_MILLIS).toNanos();
        pacer.tick(clock[0]);
        pacer.tick(clock[0]);
        assertEquals(1, behind.waiting(), "one wake handed over, however many ticks find the outbox due meanwhile");

        handedOver.poll().run();
        assertEquals(List.of("AAPL:1", "AAPL:2"), onLane.frames);
        publish("AAPL", 3);
        clock[0] += Duration.ofMillis(50).toNanos();
        pacer.tick(clock[0]);
        assertEquals(1, behind.waiting(), "woken again once the last wake ran");
        handedOver.poll().run();
        assertEquals(List.of("AAPL:1", "AAPL:2", "AAPL:3"), onLane.frames);
    }
}
