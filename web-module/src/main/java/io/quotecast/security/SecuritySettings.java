package io.quotecast.security;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.Optional;

import io.quotecast.config.Setting;

/** Who may log in and what they may see, read once at start. See the README's security section. */
@ApplicationScoped
public class SecuritySettings {

    private final boolean demo;
    private final Optional<Path> identities;
    private final Optional<Path> entitlements;

    public SecuritySettings() {
        this(Setting.flag("quotecast.demo", false),
                Setting.raw("quotecast.identities").map(Path::of),
                Setting.raw("quotecast.entitlements").map(Path::of));
    }

    public SecuritySettings(boolean demo, Optional<Path> identities, Optional<Path> entitlements) {
        this.demo = demo;
        this.identities = identities;
        this.entitlements = entitlements;
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
}
