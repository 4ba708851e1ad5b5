package io.quotecast.feed;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

import io.quotecast.config.Setting;

/** The feed's settings, read once at start. See the README's configuration table. */
@ApplicationScoped
public class FeedSettings {

    private final boolean simulated;
    private final boolean simulatedDirect;
    private final boolean simulatedBatch;
    private final int simulatedRate;
    private final int tickMillis;
    private final int staleAfterSeconds;
    private final Optional<String> snapshotQueue;

    public FeedSettings() {
        this(Setting.flag("quotecast.feed.simulated", true),
                Setting.flag("quotecast.feed.simulated.direct", false),
                Setting.flag("quotecast.feed.simulated.batch", true),
                Setting.integer("quotecast.feed.simulated.rate", 100, 1, 1_000_000),
                Setting.integer("quotecast.feed.simulated.tick-ms", 100, 10, 10_000),
                Setting.integer("quotecast.feed.stale-after-seconds", 10, 1, 86_400),
                Setting.raw("quotecast.snapshot.queue"));
    }

    public FeedSettings(boolean simulated, int simulatedRate, int tickMillis) {
        this(simulated, false, true, simulatedRate, tickMillis, 10, Optional.empty());
    }

    public FeedSettings(boolean simulated, boolean simulatedDirect, boolean simulatedBatch, int simulatedRate,
                        int tickMillis, int staleAfterSeconds, Optional<String> snapshotQueue) {
        this.simulated = simulated;
        this.simulatedDirect = simulatedDirect;
        this.simulatedBatch = simulatedBatch;
        this.simulatedRate = simulatedRate;
        this.tickMillis = tickMillis;
        this.staleAfterSeconds = staleAfterSeconds;
        this.snapshotQueue = snapshotQueue;
    }

    /** Whether the built-in random-walk feed publishes to the price topic. */
    public boolean simulated() {
        return simulated;
    }

    /**
     * Whether the simulated feed hands its prices straight to the intake, in process, instead of
     * publishing them through the broker: for benchmarks, to show what JMS costs on its own.
     * Never with an external feed, which the MDB would apply concurrently.
     */
    public boolean simulatedDirect() {
        return simulatedDirect;
    }

    /**
     * Whether the simulated feed sends each tick's prices as one message (a JSON array), rather
     * than one message a price as a feed that cannot batch would.
     */
    public boolean simulatedBatch() {
        return simulatedBatch;
    }

    /** Price updates per second the simulated feed publishes, over all symbols. */
    public int simulatedRate() {
        return simulatedRate;
    }

    /** How often the simulated feed wakes up to publish a batch. */
    public int tickMillis() {
        return tickMillis;
    }

    /** Seconds without any price after which clients are told the feed is stale. */
    public int staleAfterSeconds() {
        return staleAfterSeconds;
    }

    /**
     * The broker's last-value queue a starting node browses for its snapshot (an Artemis fully
     * qualified queue name such as {@code quotecastPrices::quotecastSnapshot}); empty: no snapshot,
     * the cache fills as prices arrive (the embedded single-node setup).
     */
    public Optional<String> snapshotQueue() {
        return snapshotQueue;
    }
}
