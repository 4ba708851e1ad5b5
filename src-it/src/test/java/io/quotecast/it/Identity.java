package io.quotecast.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Who a test connects as. The servers under test run with production defaults (no demo mode),
 * with the users, tokens and entitlements of src-it/src/test/resources/it-*.properties, whose
 * hashes were made from the secrets here with tools/Secret.java.
 */
public enum Identity {

    /** A user with every symbol and /api/stats: what every test connects as unless it says otherwise. */
    CLIENT("Basic " + basic("it-client", "it-client-password")),
    /** A user with a valid password but without the quotecast-user role. */
    NOBODY("Basic " + basic("it-nobody", "it-nobody-password")),
    /** A user name that exists, with the wrong password. */
    WRONG_PASSWORD("Basic " + basic("it-client", "not-the-password")),
    /** A program with a bearer token, entitled to NASDAQ (XNAS) instruments only. */
    NASDAQ_BOT("Bearer it-bot-token-7f3a9c1e5b2d4f6a8c0e"),
    /** No credentials at all. */
    ANONYMOUS(null);

    private final String authorization;

    Identity(String authorization) {
        this.authorization = authorization;
    }

    /** The {@code Authorization} header value, empty for {@link #ANONYMOUS}. */
    public Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
