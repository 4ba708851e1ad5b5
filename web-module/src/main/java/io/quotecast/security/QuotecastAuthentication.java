package io.quotecast.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.quotecast.guard.ClientAddresses;

/**
 * The one authentication mechanism, for the page, the WebSocket handshake, the fallbacks and the
 * REST API alike: HTTP Basic for people (the browser asks once and repeats it on every request
 * of the page, the WebSocket handshake included), bearer tokens for programs. The credential is
 * checked on every request, so nothing is kept between requests and any node can serve any
 * client. Which paths need which role is declared in web.xml.
 *
 * <p>An address that keeps sending wrong credentials is made to wait ({@link FailedLogins}):
 * 429 with {@code Retry-After} on a protected path, without asking any identity store, so a
 * guesser gets no answer and costs no hashing; on an open path its credentials are ignored.
 *
 * <p>In demo mode a caller without credentials is let in as {@code demo}, with every role.
 */
@ApplicationScoped
public class QuotecastAuthentication implements HttpAuthenticationMechanism {

    static final Caller DEMO = new Caller("demo", Set.of(Roles.USER, Roles.OPERATOR));

    private IdentityStoreHandler identityStores;
    private SecuritySettings settings;
    private SecurityStats stats;
    private FailedLogins failedLogins;
    private Function<HttpServletRequest, String> clientAddress;

    protected QuotecastAuthentication() {
    }

    @Inject
    public QuotecastAuthentication(IdentityStoreHandler identityStores, SecuritySettings settings, SecurityStats stats,
                                   FailedLogins failedLogins, ClientAddresses clients) {
        this(identityStores, settings, stats, failedLogins, clients::of);
    }

    public QuotecastAuthentication(IdentityStoreHandler identityStores, SecuritySettings settings, SecurityStats stats,
                                   FailedLogins failedLogins, Function<HttpServletRequest, String> clientAddress) {
        this.identityStores = identityStores;
        this.settings = settings;
        this.stats = stats;
        this.failedLogins = failedLogins;
        this.clientAddress = clientAddress;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Optional<Credential> credential = AuthorizationHeader.parse(request.getHeader("Authorization"));
        if (credential.isPresent()) {
            String address = clientAddress.apply(request);
            long wait = failedLogins.reserve(address);
            if (wait > 0) {
                if (!context.isProtected()) {
                    return context.doNothing();
                }
                stats.loginThrottled();
                return tooManyFailures(response, wait);
            }
            CredentialValidationResult result = credential.get() == AuthorizationHeader.UNREADABLE
                    ? CredentialValidationResult.INVALID_RESULT
                    : identityStores.validate(credential.get());
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                failedLogins.succeeded(address);
                new Caller(result.getCallerPrincipal().getName(), result.getCallerGroups()).attachTo(request);
                return context.notifyContainerAboutLogin(result);
            }
            // Counted on an open path too: the identity stores did the work all the same.
            failedLogins.failed(address);
            if (!context.isProtected()) {
                return context.doNothing();
            }
            stats.badCredentials();
            return challenge(response, context);
        }
        if (settings.demo()) {
            DEMO.attachTo(request);
            return context.notifyContainerAboutLogin(DEMO.name(), DEMO.groups());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        stats.unauthenticated();
        return challenge(response, context);
    }

    private static AuthenticationStatus tooManyFailures(HttpServletResponse response, long retryAfterSeconds) {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        try {
            // sendError, as for the 401 challenge: both servers then finish the response their own
            // way (a body written here is replaced by WildFly's error page, or logged as an error
            // when committed first).
            response.sendError(429, "Too many wrong credentials from your address; try again in "
                    + retryAfterSeconds + " s");
        } catch (IOException e) {
            // A client gone before its answer is no loss.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.addHeader("WWW-Authenticate", "Basic realm=\"Quotecast\", charset=\"UTF-8\"");
        response.addHeader("WWW-Authenticate", "Bearer realm=\"Quotecast\"");
        return context.responseUnauthorized();
    }
}
