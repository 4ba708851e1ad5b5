package io.quotecast.guard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private final OriginPolicy sameOriginOnly = new OriginPolicy(List.of());

    @Test
    void pageServedByThisServerMayConnect() {
        assertTrue(sameOriginOnly.permits("http://localhost:8080", "localhost:8080"));
        assertTrue(sameOriginOnly.permits("https://quotes.bank.example", "quotes.bank.example"));
        assertTrue(sameOriginOnly.permits("http://quotes.bank.example", "quotes.bank.example:80"));
        assertTrue(sameOriginOnly.permits("http://[::1]:8080", "[::1]:8080"));
    }

    @Test
    void crossSitePageIsRefused() {
        assertFalse(sameOriginOnly.permits("http://evil.example", "localhost:8080"));
        assertFalse(sameOriginOnly.permits("http://localhost:9999", "localhost:8080"));
        assertFalse(sameOriginOnly.permits("https://localhost", "localhost:8080"));
        assertFalse(sameOriginOnly.permits("null", "localhost:8080"));
        assertFalse(sameOriginOnly.permits("not a uri at all", "localhost:8080"));
    }

    @Test
    void clientsWithoutOriginAreNotBrowsersAndMayConnect() {
        assertTrue(sameOriginOnly.permits(null, "localhost:8080"));
    }

    @Test
    void allowListedOriginsMayConnectWhateverTheHost() {
        OriginPolicy policy = new OriginPolicy(List.of("https://Trading.Bank.Example/"));
        assertTrue(policy.permits("https://trading.bank.example", "quotes.internal:8080"));
        assertFalse(policy.permits("https://other.bank.example", "quotes.internal:8080"));
    }

    @Test
    void wildcardAllowsEveryOrigin() {
        assertTrue(new OriginPolicy(List.of("*")).permits("http://evil.example", "localhost:8080"));
    }
}
