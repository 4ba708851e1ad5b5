package io.quotecast.fallback;

import jakarta.enterprise.context.ApplicationScoped;

import io.quotecast.config.Setting;

/** The SSE and long-poll settings, read once at start. See the README's configuration table. */
@ApplicationScoped
public class FallbackSettings {

    private final int pollTimeoutSeconds;
    private final int pollLingerMillis;

    public FallbackSettings() {
        this(Setting.integer("quotecast.poll.timeout-seconds", 25, 1, 300),
                Setting.integer("quotecast.poll.linger-ms", 100, 0, 5_000));
    }

    public FallbackSettings(int pollTimeoutSeconds, int pollLingerMillis) {
        this.pollTimeoutSeconds = pollTimeoutSeconds;
        this.pollLingerMillis = pollLingerMillis;
    }

    /** How long a long poll with nothing new is held before it is answered with no quotes. */
    public int pollTimeoutSeconds() {
        return pollTimeoutSeconds;
    }

    /**
     * How long a held poll waits after the first change before answering, so that the updates of
     * a busy moment go out in one response instead of one request each.
     */
    public int pollLingerMillis() {
        return pollLingerMillis;
    }
}
