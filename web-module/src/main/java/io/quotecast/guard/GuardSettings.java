package io.quotecast.guard;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;

import io.quotecast.config.Setting;

/** Who may connect and how much they may ask, read once at start. See the README's limits table. */
@ApplicationScoped
public class GuardSettings {

    private final List<String> allowedOrigins;
    private final int maxSessions;
    private final int maxSessionsPerAddress;
    private final int messagesPerSecond;
    private final int messageBurst;
    private final int floodLimit;
    private final TrustedProxies trustedProxies;

    public GuardSettings() {
        this(parseOrigins(Setting.string("quotecast.allowed-origins", "")),
                Setting.integer("quotecast.max-sessions", 20_000, 1, 1_000_000),
                Setting.integer("quotecast.max-sessions-per-address", 500, 1, 1_000_000),
                Setting.integer("quotecast.rate.messages-per-second", 10, 1, 100_000),
                Setting.integer("quotecast.rate.burst", 20, 1, 100_000),
                Setting.integer("quotecast.rate.flood-limit", 50, 1, 1_000_000),
                TrustedProxies.parse(Setting.string("quotecast.trusted-proxies", "")));
    }

    public GuardSettings(List<String> allowedOrigins, int maxSessions, int maxSessionsPerAddress,
                         int messagesPerSecond, int messageBurst, int floodLimit) {
        this(allowedOrigins, maxSessions, maxSessionsPerAddress, messagesPerSecond, messageBurst, floodLimit,
                TrustedProxies.NONE);
    }

    public GuardSettings(List<String> allowedOrigins, int maxSessions, int maxSessionsPerAddress,
                         int messagesPerSecond, int messageBurst, int floodLimit, TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.maxSessions = maxSessions;
        this.maxSessionsPerAddress = maxSessionsPerAddress;
        this.messagesPerSecond = messagesPerSecond;
        this.messageBurst = messageBurst;
        this.floodLimit = floodLimit;
    }

    static List<String> parseOrigins(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Origins allowed besides the page's own; {@code *} allows any (demo mode only). */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    public int maxSessions() {
        return maxSessions;
    }

    public int maxSessionsPerAddress() {
        return maxSessionsPerAddress;
    }

    /** Sustained client messages per second per session. */
    public int messagesPerSecond() {
        return messagesPerSecond;
    }

    /** Client messages a session may send at once before the rate applies. */
    public int messageBurst() {
        return messageBurst;
    }

    /** Whose {@code X-Forwarded-For} names the client (load balancers); nobody's by default. */
    public TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    /** Rate-limited messages in a row after which the session is closed with 1008. */
    public int floodLimit() {
        return floodLimit;
    }
}
