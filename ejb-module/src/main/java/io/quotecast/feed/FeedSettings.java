package io.quotecast.feed;

import jakarta.enterprise.context.ApplicationScoped;

import io.quotecast.config.Setting;

/** The feed's settings, read once at start. See the README's configuration table. */
@ApplicationScoped
public class FeedSettings {

    private final boolean simulated;
    private final int simulatedRate;
    private final int tickMillis;

    public FeedSettings() {
        this(Setting.flag("quotecast.feed.simulated", true),
                Setting.integer("quotecast.feed.simulated.rate", 100, 1, 1_000_000),
                Setting.integer("quotecast.feed.simulated.tick-ms", 100, 10, 10_000));
    }

    public FeedSettings(boolean simulated, int simulatedRate, int tickMillis) {
        this.simulated = simulated;
        this.simulatedRate = simulatedRate;
        this.tickMillis = tickMillis;
    }

    /** Whether the built-in random-walk feed publishes to the price topic. */
    public boolean simulated() {
        return simulated;
    }

    /** Price updates per second the simulated feed publishes, over all symbols. */
    public int simulatedRate() {
        return simulatedRate;
    }

    /** How often the simulated feed wakes up to publish a batch. */
    public int tickMillis() {
        return tickMillis;
    }
}
