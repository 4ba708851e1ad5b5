package io.quotecast.security;

import jakarta.security.enterprise.credential.Credential;

/** An {@code Authorization: Bearer} token, as a programmatic client sends it. */
public record BearerTokenCredential(String token) implements Credential {

    @Override
    public String toString() {
        return "BearerTokenCredential[redacted]";
    }
}
