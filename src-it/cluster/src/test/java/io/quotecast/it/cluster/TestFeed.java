package io.quotecast.it.cluster;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.quotecast.feed.PriceMessageFormat;
import io.quotecast.publisher.JmsSink;
import io.quotecast.quote.PriceTick;

/**
 * The feed, published once to the broker through the publisher's {@link JmsSink}: every
 * {@value #PERIOD_MILLIS} ms one price for the next symbol in turn. Each price's volume is a
 * number no other price has, so a client's quotes say exactly which prices reached it. The tests
 * pause it to compare what everyone ends up showing with what was published last.
 */
final class TestFeed implements AutoCloseable {

    static final long PERIOD_MILLIS = 25;

    /** One published price. */
    record Tick(String symbol, BigDecimal price, long volume) {
    }

    private final List<String> symbols;
    private final JmsSink sink;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-feed");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong next = new AtomicLong();
    private final long seqBase = System.currentTimeMillis() * 1000;
    private final AtomicBoolean paused = new AtomicBoolean(true);
    private final List<Tick> published = new CopyOnWriteArrayList<>();
    private final Map<String, Tick> last = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();

    TestFeed(String brokerUrl, List<String> symbols) {
        this.symbols = List.copyOf(symbols);
        this.sink = new JmsSink(brokerUrl, "quotecast", "quotecast", "quotecastPrices", true);
        timer.scheduleAtFixedRate(this::publishOne, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void publishOne() {
        if (paused.get()) {
            return;
        }
        long n = next.getAndIncrement();
        String symbol = symbols.get((int) (n % symbols.size()));
        // A price of its own per tick (cents from the counter), never the same twice in a row.
        BigDecimal price = new BigDecimal(100 + (n % 5000)).add(new BigDecimal(n % 100).movePointLeft(2));
        long volume = 1000 + n;
        Tick tick = new Tick(symbol, price, volume);
        try {
            sink.send(symbol, PriceMessageFormat.format(new PriceTick(symbol, price, OptionalLong.of(volume),
                    OptionalLong.of(seqBase + n), Instant.now())));
            published.add(tick);
            last.put(symbol, tick);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
        }
    }

    void resume() {
        paused.set(false);
    }

    /** Stops publishing; returns once no send is under way. */
    void pause() {
        paused.set(true);
        try {
            // The timer's thread finishes the send it is in; one no-op run after it proves it.
            timer.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the feed did not pause", e);
        }
    }

    /** Every price published so far, in order. */
    List<Tick> published() {
        return List.copyOf(published);
    }

    int publishedCount() {
        return published.size();
    }

    /** The newest published price of each symbol. */
    Map<String, Tick> last() {
        return Map.copyOf(last);
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        sink.close();
    }
}
