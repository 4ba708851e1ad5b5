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

import java.util.Optional;
import java.util.Set;

/**
 * The one authentication mechanism, for the page, the WebSocket handshake, the fallbacks and the
 * REST API alike: HTTP Basic for people (the browser asks once and repeats it on every request
 * of the page, the WebSocket handshake included), bearer tokens for programs. The credential is
 * checked on every request, so nothing is kept between requests and any node can serve any
 * client. Which paths need which role is declared in web.xml.
 *
 * <p>In demo mode a caller without credentials is let in as {@code demo}, with every role.
 */
@ApplicationScoped
public class QuotecastAuthentication implements HttpAuthenticationMechanism {

    static final Caller DEMO = new Caller("demo", Set.of(Roles.USER, Roles.OPERATOR));

    private IdentityStoreHandler identityStores;
    private SecuritySettings settings;
    private SecurityStats stats;

    protected QuotecastAuthentication() {
    }

    @Inject
    public QuotecastAuthentication(IdentityStoreHandler identityStores, SecuritySettings settings, SecurityStats stats) {
        this.identityStores = identityStores;
        this.settings = settings;
        this.stats = stats;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Optional<Credential> credential = AuthorizationHeader.parse(request.getHeader("Authorization"));
        if (credential.isPresent()) {
            CredentialValidationResult result = credential.get() == AuthorizationHeader.UNREADABLE
                    ? CredentialValidationResult.INVALID_RESULT
                    : identityStores.validate(credential.get());
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                new Caller(result.getCallerPrincipal().getName(), result.getCallerGroups()).attachTo(request);
                return context.notifyContainerAboutLogin(result);
            }
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

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.addHeader("WWW-Authenticate", "Basic realm=\"Quotecast\", charset=\"UTF-8\"");
        response.addHeader("WWW-Authenticate", "Bearer realm=\"Quotecast\"");
        return context.responseUnauthorized();
    }
}
