package io.quotecast.status;

import jakarta.enterprise.context.ApplicationScoped;

import io.quotecast.config.Setting;

/** How long a drained node waits, not ready, before it closes its sessions, and over how long it closes them. See the README's configuration table. */
@ApplicationScoped
public class DrainSettings {

    private final int delaySeconds;
    private final int spreadSeconds;

    public DrainSettings() {
        this(Setting.integer("quotecast.drain.delay-seconds", 5, 0, 600),
                Setting.integer("quotecast.drain.spread-seconds", 5, 0, 600));
    }

    public DrainSettings(int delaySeconds, int spreadSeconds) {
        this.delaySeconds = delaySeconds;
        this.spreadSeconds = spreadSeconds;
    }

    public int delaySeconds() {
        return delaySeconds;
    }

    public int spreadSeconds() {
        return spreadSeconds;
    }
}
