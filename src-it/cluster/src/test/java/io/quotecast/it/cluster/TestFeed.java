package io.quotecast.it.cluster;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@value #PERIOD_MILLIS} ms the next symbols in turn, alternately one price alone and two prices
 * in one message (an array, with each price's copy sent to the last-value queue as the publisher's
 * {@code --snapshot-queue} does), so that both kinds of message cross every test, snapshots
 * included. Each price's volume is a number no other price has, so a client's quotes say exactly
 * which prices reached it. The tests pause it to compare what everyone ends up showing with what
 * was published last.
 */
final class TestFeed implements AutoCloseable {

    static final long PERIOD_MILLIS = 25;

    /** ctl.sh's last-value queue, by its fully qualified name. */
    static final String SNAPSHOT_QUEUE = "quotecastPrices::quotecastSnapshot";

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
    private final AtomicLong period = new AtomicLong();
    private final long seqBase = System.currentTimeMillis() * 1000;
    private final AtomicBoolean paused = new AtomicBoolean(true);
    private final List<Tick> published = new CopyOnWriteArrayList<>();
    private final Map<String, Tick> last = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();

    TestFeed(String brokerUrl, List<String> symbols) {
        this.symbols = List.copyOf(symbols);
        this.sink = new JmsSink(brokerUrl, "quotecast", "quotecast", "quotecastPrices", Optional.of(SNAPSHOT_QUEUE), true);
        timer.scheduleAtFixedRate(this::publishOne, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void publishOne() {
        if (paused.get()) {
            return;
        }
        boolean pair = period.getAndIncrement() % 2 == 1;
        List<Tick> ticks = pair ? List.of(nextTick(), nextTick()) : List.of(nextTick());
        List<PriceTick> prices = ticks.stream().map(t -> new PriceTick(t.symbol(), t.price(), OptionalLong.of(t.volume()),
                OptionalLong.of(seqBase + t.volume()), Instant.now())).toList();
        try {
            if (pair) {
                sink.sendAll(PriceMessageFormat.formatAll(prices));
            } else {
                sink.send(prices.get(0).symbol(), PriceMessageFormat.format(prices.get(0)));
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            return;
        }
        for (Tick tick : ticks) {
            published.add(tick);
            last.put(tick.symbol(), tick);
        }
        if (pair) {
            // Two symbols in turn are never the same one: each is its symbol's newest.
            for (PriceTick price : prices) {
                try {
                    sink.sendToSnapshot(price.symbol(), PriceMessageFormat.format(price));
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                }
            }
        }
    }

    private Tick nextTick() {
        long n = next.getAndIncrement();
        String symbol = symbols.get((int) (n % symbols.size()));
        // A price of its own per tick (cents from the counter), never the same twice in a row.
        BigDecimal price = new BigDecimal(100 + (n % 5000)).add(new BigDecimal(n % 100).movePointLeft(2));
        return new Tick(symbol, price, 1000 + n);
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
