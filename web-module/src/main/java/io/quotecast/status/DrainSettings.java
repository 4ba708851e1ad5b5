package io.quotecast.status;

import jakarta.enterprise.context.ApplicationScoped;

import io.quotecast.config.Setting;

/** How long a drained node waits, not ready, before it closes its sessions. See the README's configuration table. */
@ApplicationScoped
public class DrainSettings {

    private final int delaySeconds;

    public DrainSettings() {
        this(Setting.integer("quotecast.drain.delay-seconds", 5, 0, 600));
    }

    public DrainSettings(int delaySeconds) {
        this.delaySeconds = delaySeconds;
    }

    public int delaySeconds() {
        return delaySeconds;
    }
}
