package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

    @Test
    void noTickIsScheduledWhileNoOutboxWaits() {
        pacer.start(scheduler);

        assertEquals(0, scheduler.getQueue().size());
    }

    @Test
    void aWaitingQuoteIsWrittenByATickAndThenTheTicksStop() throws Exception {
        pacer.start(scheduler);
        outbox.hold(List.of("AAPL"), Duration.ofMillis(50).toNanos());
        outbox.release(List.of("AAPL"), Map.of(), List.of());

        outbox.offerQuote("AAPL", 1, "AAPL:1");
        outbox.offerQuote("AAPL", 2, "AAPL:2");
        assertEquals(List.of("AAPL:1"), frames);

        assertTrue(EmbeddedQuotecast.eventually(() -> frames.size() == 2, Duration.ofSeconds(5)), "paced quote written");
        assertEquals(List.of("AAPL:1", "AAPL:2"), frames);
        assertTrue(EmbeddedQuotecast.eventually(() -> scheduler.getQueue().isEmpty() && pacer.waitingCount() == 0,
                Duration.ofSeconds(5)), "no tick scheduled once nothing waits");
    }
}
