package io.quotecast.security;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentitiesTest {

    private static final String HASH = "PBKDF2WithHmacSHA256:210000:c2FsdA==:aGFzaA==";
    // sha256("secret-token")
    private static final String TOKEN_SHA256 = Identities.sha256Hex("secret-token");

    @Test
    void usersAndTokensWithTheirGroups() {
        Identities identities = Identities.parse("""
                user.alice.password = %s
                user.alice.groups = quotecast-user, equities
                token.pricing-bot.sha256 = %s
                token.pricing-bot.groups = quotecast-user
                user.bob.password = %s
                """.formatted(HASH, TOKEN_SHA256, HASH));

        assertEquals(new Identities.User("alice", HASH, Set.of("quotecast-user", "equities")), identities.user("alice").orElseThrow());
        assertEquals(Set.of(), identities.user("bob").orElseThrow().groups(), "no groups line: no groups");
        assertEquals(Optional.of(new Caller("pricing-bot", Set.of("quotecast-user"))), identities.token("secret-token"));
        assertEquals(Optional.empty(), identities.token("another-token"));
        assertEquals(Optional.empty(), identities.user("carol"));
        assertEquals(3, identities.size());
    }

    @Test
    void mistakesStopTheDeploymentNamingTheKey() {
        assertProblem("user.alice.password = hunter2", "user.alice.password");
        assertProblem("token.bot.sha256 = ABCDEF", "token.bot.sha256");
        assertProblem("user.alice.groups = x", "has no user.alice.password");
        assertProblem("token.bot.groups = x", "has no token.bot.sha256");
        assertProblem("admin = yes", "'admin'");
        assertProblem("user.a/b.password = " + HASH, "names are");
        assertProblem("token.a.sha256 = " + TOKEN_SHA256 + "\ntoken.b.sha256 = " + TOKEN_SHA256, "same token");
    }

    private static void assertProblem(String text, String expected) {
        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class, () -> Identities.parse(text));
        assertTrue(problem.getMessage().contains(expected), problem::getMessage);
    }
}
