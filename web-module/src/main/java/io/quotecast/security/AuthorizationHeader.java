package io.quotecast.security;

import jakarta.security.enterprise.credential.BasicAuthenticationCredential;
import jakarta.security.enterprise.credential.Credential;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads an {@code Authorization} header: {@code Basic} (RFC 7617) for people and {@code Bearer}
 * (RFC 6750) for programs. Anything else present but unreadable is a credential that fails, so
 * a broken client gets 401 rather than being treated as anonymous.
 */
final class AuthorizationHeader {

    /** What a header that cannot be read stands for: no identity store accepts it. */
    static final Credential UNREADABLE = new BearerTokenCredential("");

    private static final int MAX_LENGTH = 8192;

    private AuthorizationHeader() {
    }

    static Optional<Credential> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (header.length() > MAX_LENGTH) {
            return Optional.of(UNREADABLE);
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String value = space < 0 ? "" : header.substring(space + 1).trim();
        if (value.isEmpty()) {
            return Optional.of(UNREADABLE);
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            return Optional.of(new BearerTokenCredential(value));
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            return Optional.of(basic(value));
        }
        return Optional.of(UNREADABLE);
    }

    private static Credential basic(String value) {
        try {
            String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return UNREADABLE;
            }
            // BasicAuthenticationCredential decodes base64 itself, and would throw on what we just checked.
            return new BasicAuthenticationCredential(value);
        } catch (IllegalArgumentException e) {
            return UNREADABLE;
        }
    }
}
