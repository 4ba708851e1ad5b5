package io.quotecast.security;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.LongAdder;

/** Refused callers since start, shown in /api/stats. */
@ApplicationScoped
public class SecurityStats {

    private final LongAdder unauthenticated = new LongAdder();
    private final LongAdder badCredentials = new LongAdder();
    private final LongAdder forbiddenSymbols = new LongAdder();
    private final LongAdder loginThrottled = new LongAdder();

    /** A protected resource asked for without credentials (401). */
    public void unauthenticated() {
        unauthenticated.increment();
    }

    /** Credentials that no identity store accepted (401). */
    public void badCredentials() {
        badCredentials.increment();
    }

    /** Requests refused unchecked because their address sent too many wrong credentials (429). */
    public void loginThrottled() {
        loginThrottled.increment();
    }

    /** Symbols refused because the caller is not entitled to them, on any transport. */
    public void forbidden(int symbols) {
        forbiddenSymbols.add(symbols);
    }

    public long unauthenticatedCount() {
        return unauthenticated.sum();
    }

    public long badCredentialsCount() {
        return badCredentials.sum();
    }

    public long loginThrottledCount() {
        return loginThrottled.sum();
    }

    public long forbiddenSymbolsCount() {
        return forbiddenSymbols.sum();
    }
}
