package io.quotecast.security;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuotecastAuthenticationTest {

    /** What the container saw: the status returned, who logged in, and the response headers. */
    private static final class Exchange {
        final Map<String, Object> attributes = new HashMap<>();
        final List<String> challenges = new ArrayList<>();
        String loggedIn;
        Set<String> groups;
        AuthenticationStatus status;
        Caller caller() {
            return (Caller) attributes.get(Caller.ATTRIBUTE);
        }
    }

    private final List<Credential> validated = new ArrayList<>();
    private final SecurityStats stats = new SecurityStats();

    private QuotecastAuthentication mechanism(boolean demo) {
        return new QuotecastAuthentication(credential -> {
            validated.add(credential);
            return credential.equals(new BearerTokenCredential("good"))
                    ? new CredentialValidationResult("bot", Set.of(Roles.USER, "desk"))
                    : CredentialValidationResult.INVALID_RESULT;
        }, new SecuritySettings(demo, Optional.empty(), Optional.empty()), stats);
    }

    private Exchange call(boolean demo, String authorization, boolean protectedPath) {
        Exchange exchange = new Exchange();
        HttpServletRequest request = proxy(HttpServletRequest.class, (method, args) -> switch (method) {
            case "getHeader" -> "Authorization".equals(args[0]) ? authorization : null;
            case "setAttribute" -> exchange.attributes.put((String) args[0], args[1]);
            case "getAttribute" -> exchange.attributes.get((String) args[0]);
            default -> null;
        });
        HttpServletResponse response = proxy(HttpServletResponse.class, (method, args) -> {
            if (method.equals("addHeader") && args[0].equals("WWW-Authenticate")) {
                exchange.challenges.add((String) args[1]);
            }
            return null;
        });
        HttpMessageContext context = proxy(HttpMessageContext.class, (method, args) -> switch (method) {
            case "isProtected" -> protectedPath;
            case "doNothing" -> AuthenticationStatus.NOT_DONE;
            case "responseUnauthorized" -> AuthenticationStatus.SEND_FAILURE;
            case "notifyContainerAboutLogin" -> {
                if (args[0] instanceof CredentialValidationResult result) {
                    exchange.loggedIn = result.getCallerPrincipal().getName();
                    exchange.groups = result.getCallerGroups();
                } else {
                    exchange.loggedIn = (String) args[0];
                    @SuppressWarnings("unchecked") Set<String> groups = (Set<String>) args[1];
                    exchange.groups = groups;
                }
                yield AuthenticationStatus.SUCCESS;
            }
            default -> throw new UnsupportedOperationException(method);
        });
        exchange.status = mechanism(demo).validateRequest(request, response, context);
        return exchange;
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }

    @Test
    void aValidTokenLogsTheCallerInAndLeavesTheirGroupsForEntitlements() {
        Exchange exchange = call(false, "Bearer good", true);

        assertEquals(AuthenticationStatus.SUCCESS, exchange.status);
        assertEquals("bot", exchange.loggedIn);
        assertEquals(new Caller("bot", Set.of(Roles.USER, "desk")), exchange.caller());
    }

    @Test
    void badCredentialsAreChallengedAndCounted() {
        Exchange exchange = call(false, "Bearer bad", true);

        assertEquals(AuthenticationStatus.SEND_FAILURE, exchange.status);
        assertTrue(exchange.challenges.contains("Basic realm=\"Quotecast\", charset=\"UTF-8\""), exchange.challenges::toString);
        assertTrue(exchange.challenges.contains("Bearer realm=\"Quotecast\""), exchange.challenges::toString);
        assertEquals(1, stats.badCredentialsCount());
    }

    @Test
    void anUnreadableHeaderNeverReachesTheIdentityStores() {
        assertEquals(AuthenticationStatus.SEND_FAILURE, call(false, "Basic !!!", true).status);
        assertEquals(List.of(), validated);
    }

    @Test
    void noCredentialsOnAProtectedPathIsChallengedOnAnOpenOneLetThrough() {
        assertEquals(AuthenticationStatus.SEND_FAILURE, call(false, null, true).status);
        assertEquals(1, stats.unauthenticatedCount());
        assertEquals(AuthenticationStatus.NOT_DONE, call(false, null, false).status);
        assertEquals(AuthenticationStatus.NOT_DONE, call(false, "Bearer bad", false).status, "health with a stale token");
    }

    @Test
    void demoModeLetsAnonymousCallersInAsDemoButStillChecksCredentials() {
        Exchange anonymous = call(true, null, true);
        assertEquals(AuthenticationStatus.SUCCESS, anonymous.status);
        assertEquals("demo", anonymous.loggedIn);
        assertEquals(Set.of(Roles.USER, Roles.OPERATOR), anonymous.groups);

        assertEquals(AuthenticationStatus.SEND_FAILURE, call(true, "Bearer bad", true).status);
    }
}
