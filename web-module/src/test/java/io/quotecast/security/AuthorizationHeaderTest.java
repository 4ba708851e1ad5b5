package io.quotecast.security;

import jakarta.security.enterprise.credential.BasicAuthenticationCredential;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class AuthorizationHeaderTest {

    @Test
    void noHeaderIsNoCredential() {
        assertEquals(Optional.empty(), AuthorizationHeader.parse(null));
        assertEquals(Optional.empty(), AuthorizationHeader.parse(" "));
    }

    @Test
    void bearerIsAToken() {
        assertEquals(Optional.of(new BearerTokenCredential("abc.def")), AuthorizationHeader.parse("Bearer abc.def"));
        assertEquals(Optional.of(new BearerTokenCredential("abc")), AuthorizationHeader.parse("bearer  abc "));
    }

    @Test
    void basicIsAUserAndPassword() {
        String value = Base64.getEncoder().encodeToString("alice:pa:ss".getBytes(StandardCharsets.UTF_8));
        BasicAuthenticationCredential credential = (BasicAuthenticationCredential) AuthorizationHeader.parse("Basic " + value).orElseThrow();

        assertEquals("alice", credential.getCaller());
        assertEquals("pa:ss", credential.getPasswordAsString());
    }

    @Test
    void whatCannotBeReadIsACredentialThatFailsNotAnonymous() {
        for (String header : Set.of("Basic", "Basic !!!", "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes()),
                "Bearer ", "Digest abc", "x".repeat(9000))) {
            assertSame(AuthorizationHeader.UNREADABLE, AuthorizationHeader.parse(header).orElseThrow(), header);
        }
    }

    @Test
    void aCallerSurvivesTheTripThroughTheHandshakeHeader() {
        Caller caller = new Caller("ann;o,n=y", Set.of("a,b", "quotecast-user", "é"));

        assertEquals(Optional.of(caller), Caller.fromHeader(caller.toHeader()));
        assertEquals(Optional.of(new Caller("bob", Set.of())), Caller.fromHeader(new Caller("bob", Set.of()).toHeader()));
        assertEquals(Optional.empty(), Caller.fromHeader(""));
        assertEquals(Optional.empty(), Caller.fromHeader(null));
    }
}
