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
        final Map<String, String> headers = new HashMap<>();
        int httpStatus;
        String loggedIn;
        Set<String> groups;
        AuthenticationStatus status;
        Caller caller() {
            return (Caller) attributes.get(Caller.ATTRIBUTE);
        }
    }

    private final List<Credential> validated = new ArrayList<>();
    private final SecurityStats stats = new SecurityStats();
    private long now = 1_000_000_000L;
    private final FailedLogins failedLogins = new FailedLogins(3, () -> now);

    private QuotecastAuthentication mechanism(boolean demo) {
        return new QuotecastAuthentication(credential -> {
            validated.add(credential);
            return credential.equals(new BearerTokenCredential("good"))
                    ? new CredentialValidationResult("bot", Set.of(Roles.USER, "desk"))
                    : CredentialValidationResult.INVALID_RESULT;
        }, new SecuritySettings(demo, Optional.empty(), Optional.empty(), 3), stats, failedLogins,
                request -> (String) request.getAttribute("test.address"));
    }

    private Exchange call(boolean demo, String authorization, boolean protectedPath) {
        return call(demo, authorization, protectedPath, "192.0.2.1");
    }

    private Exchange call(boolean demo, String authorization, boolean protectedPath, String address) {
        Exchange exchange = new Exchange();
        exchange.attributes.put("test.address", address);
        HttpServletRequest request = proxy(HttpServletRequest.class, (method, args) -> switch (method) {
            case "getHeader" -> "Authorization".equals(args[0]) ? authorization : null;
            case "setAttribute" -> exchange.attributes.put((String) args[0], args[1]);
            case "getAttribute" -> exchange.attributes.get((String) args[0]);
            default -> null;
        });
        HttpServletResponse response = proxy(HttpServletResponse.class, (method, args) -> {
            switch (method) {
                case "addHeader" -> {
                    if (args[0].equals("WWW-Authenticate")) {
                        exchange.challenges.add((String) args[1]);
                    }
                }
                case "setHeader" -> exchange.headers.put((String) args[0], (String) args[1]);
                case "sendError" -> exchange.httpStatus = (Integer) args[0];
                default -> {
                }
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

    @Test
    void anAddressThatKeepsFailingWaitsWith429AndItsCredentialsAreNotCheckedMeanwhile() {
        for (int i = 0; i < 3; i++) {
            assertEquals(AuthenticationStatus.SEND_FAILURE, call(false, "Bearer bad", true).status);
        }
        validated.clear();

        Exchange refused = call(false, "Bearer good", true);

        assertEquals(AuthenticationStatus.SEND_FAILURE, refused.status);
        assertEquals(429, refused.httpStatus);
        assertEquals("20", refused.headers.get("Retry-After"), "one failure comes back every 60/3 s");
        assertEquals(List.of(), validated, "no identity store asked: no hashing for a guesser");
        assertEquals(1, stats.loginThrottledCount());
        assertEquals(3, stats.badCredentialsCount());
    }

    @Test
    void anotherAddressAndRightCredentialsAreNotHeldBack() {
        for (int i = 0; i < 3; i++) {
            call(false, "Bearer bad", true);
        }
        assertEquals("bot", call(false, "Bearer good", true, "192.0.2.2").loggedIn, "another address");

        now += 20_000_000_000L;

        assertEquals("bot", call(false, "Bearer good", true).loggedIn, "one failure's worth came back after 20 s");
        assertEquals(0, stats.loginThrottledCount());
    }

    @Test
    void rightCredentialsNeverSpendTheAllowance() {
        for (int i = 0; i < 10; i++) {
            assertEquals("bot", call(false, "Bearer good", true).loggedIn);
        }
        assertEquals(AuthenticationStatus.SEND_FAILURE, call(false, "Bearer bad", true).status);
        assertEquals(0, call(false, "Bearer bad", true).httpStatus, "the second failure is challenged (401), not refused");
    }

    @Test
    void onAnOpenPathWrongCredentialsCountAndAWaitingAddressIsServedAnonymously() {
        for (int i = 0; i < 3; i++) {
            assertEquals(AuthenticationStatus.NOT_DONE, call(false, "Bearer bad", false).status);
        }
        validated.clear();

        Exchange open = call(false, "Bearer bad", false);

        assertEquals(AuthenticationStatus.NOT_DONE, open.status);
        assertEquals(List.of(), validated);
        assertEquals(429, call(false, "Bearer bad", true).httpStatus, "the hashing it caused counted on the open path");
    }
}
