package io.quotecast.security;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.Optional;

import io.quotecast.config.Setting;

/** Who may log in and what they may see, read once at start. See the README's security section. */
@ApplicationScoped
public class SecuritySettings {

    static final int DEFAULT_FAILED_LOGINS_PER_MINUTE = 20;

    private final boolean demo;
    private final Optional<Path> identities;
    private final Optional<Path> entitlements;
    private final int failedLoginsPerMinute;

    public SecuritySettings() {
        this(Setting.flag("quotecast.demo", false),
                Setting.raw("quotecast.identities").map(Path::of),
                Setting.raw("quotecast.entitlements").map(Path::of),
                Setting.integer("quotecast.login.failures-per-minute", DEFAULT_FAILED_LOGINS_PER_MINUTE, 0, 1_000_000));
    }

    public SecuritySettings(boolean demo, Optional<Path> identities, Optional<Path> entitlements) {
        this(demo, identities, entitlements, DEFAULT_FAILED_LOGINS_PER_MINUTE);
    }

    public SecuritySettings(boolean demo, Optional<Path> identities, Optional<Path> entitlements,
                            int failedLoginsPerMinute) {
        this.demo = demo;
        this.identities = identities;
        this.entitlements = entitlements;
        this.failedLoginsPerMinute = failedLoginsPerMinute;
    }

    /** Anonymous callers are let in as {@code demo} with every role; only the run command sets it. */
    public boolean demo() {
        return demo;
    }

    /** The users and tokens file; without one, only other identity stores (or demo mode) let anyone in. */
    public Optional<Path> identities() {
        return identities;
    }

    /** Which groups receive which symbols; without one, every authenticated user receives every symbol. */
    public Optional<Path> entitlements() {
        return entitlements;
    }

    /** Wrong credentials one client address may send a minute before it must wait ({@link FailedLogins}); 0: no limit. */
    public int failedLoginsPerMinute() {
        return failedLoginsPerMinute;
    }
}
