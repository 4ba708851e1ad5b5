package io.quotecast.push;

import jakarta.websocket.DeploymentException;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.quotecast.feed.FeedStats;
import io.quotecast.feed.PriceIntake;
import io.quotecast.instrument.Instrument;
import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.quote.LastValueCache;
import io.quotecast.security.SecurityStats;

/**
 * The push side wired by hand, as CDI would wire it in the server, behind the real
 * {@link QuotesEndpoint} on Tyrus's embedded Grizzly server ({@link LoopbackTyrusServer}: 127.0.0.1, ephemeral port, context
 * {@code /quotecast}). Prices go in the way the feed sends them, through {@link PriceIntake#onText},
 * whose announcement is the fan-out.
 *
 * <p>Settings are small so limits are cheap to reach: 3 subscriptions per session, 1 KiB messages.
 */
final class EmbeddedQuotecast implements AutoCloseable {

    static final int HEARTBEAT_SECONDS = 17;
    static final int MAX_MESSAGE_BYTES = 1024;
    static final int MAX_SUBSCRIPTIONS = 3;

    /**
     * The fixture that {@link FixtureEndpointProvider} builds endpoints from. Tyrus creates that
     * provider itself through {@link java.util.ServiceLoader}, so a static field is the only way
     * to hand it the beans; test code only, one fixture at a time, cleared on close.
     */
    private static volatile EmbeddedQuotecast running;

    final InstrumentCatalog catalog = new InstrumentCatalog(List.of(
            new Instrument("AAPL", "XNAS", "Apple Inc.", new BigDecimal("100.00")),
            new Instrument("MSFT", "XNAS", "Microsoft Corporation", new BigDecimal("400.00")),
            new Instrument("BRK.B", "XNYS", "Berkshire Hathaway Inc. Class B", new BigDecimal("450.00")),
            new Instrument("IBM", "XNYS", "International Business Machines Corporation", new BigDecimal("200.00"))));
    final LastValueCache cache = new LastValueCache(catalog);
    final PushStats stats = new PushStats();
    final PushSettings settings = new PushSettings(HEARTBEAT_SECONDS, MAX_MESSAGE_BYTES, MAX_SUBSCRIPTIONS, 64, 10_000);
    final Subscriptions subscriptions = new Subscriptions();
    /** Ticked by a thread of the test's own, where the server would use its managed scheduler. */
    final Pacer pacer = new Pacer();
    private final ScheduledExecutorService pacerThread = Executors.newSingleThreadScheduledExecutor();
    /** Signalled each time a session is unregistered: what {@link #awaitSessions} waits on. */
    private final Object sessionsChanged = new Object();
    final Sessions sessions = new Sessions(settings, subscriptions, catalog, stats, pacer) {
        @Override
        public void close(jakarta.websocket.Session session, String how) {
            super.close(session, how);
            synchronized (sessionsChanged) {
                sessionsChanged.notifyAll();
            }
        }
    };
    final ClientRequests requests = new ClientRequests(subscriptions, catalog, cache, settings, stats, new SecurityStats());
    final QuoteFanOut fanOut = new QuoteFanOut(subscriptions, stats, pacer);
    final PriceIntake intake = new PriceIntake(Clock.systemUTC(), cache, new FeedStats(), fanOut::onUpdate);

    private final LoopbackTyrusServer server = new LoopbackTyrusServer(QuotesEndpoint.class);

    private EmbeddedQuotecast() {
    }

    static EmbeddedQuotecast start() throws IOException, DeploymentException {
        if (running != null) {
            throw new IllegalStateException("An embedded Quotecast is already running");
        }
        EmbeddedQuotecast fixture = new EmbeddedQuotecast();
        running = fixture;
        fixture.pacer.start(fixture.pacerThread);
        try {
            fixture.server.start("/quotecast", 0);
        } catch (IOException | DeploymentException | RuntimeException e) {
            running = null;
            fixture.pacerThread.shutdownNow();
            throw e;
        }
        return fixture;
    }

    static EmbeddedQuotecast running() {
        EmbeddedQuotecast fixture = running;
        if (fixture == null) {
            throw new IllegalStateException("No embedded Quotecast is running: start one with EmbeddedQuotecast.start()");
        }
        return fixture;
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/quotecast/ws/quotes");
    }

    /** What a feed would send: {@code {"symbol":"AAPL","price":101.25}}. Returns once fanned out. */
    void publish(String symbol, String price) {
        intake.onText("{\"symbol\":\"" + symbol + "\",\"price\":" + price + "}");
    }

    /**
     * Waits until {@code condition} on the registered sessions holds, re-checking it each time the
     * server unregisters a session, for at most {@code bound}; false if it never held.
     */
    boolean awaitSessions(BooleanSupplier condition, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (sessionsChanged) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(sessionsChanged, left);
            }
            return true;
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            pacerThread.shutdownNow();
            running = null;
        }
    }
}
