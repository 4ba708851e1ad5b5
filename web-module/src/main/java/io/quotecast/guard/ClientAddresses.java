package io.quotecast.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.List;

/**
 * The address a request's client is counted as (per-address session caps, the WebSocket
 * session's peer): the connection's own, or behind a trusted load balancer the one it forwarded
 * for ({@link TrustedProxies}). Both the WebSocket handshake and the fallbacks ask here, so a
 * client is one address whichever way it connects.
 */
@ApplicationScoped
public class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    @Inject
    GuardSettings settings;

    public String of(HttpServletRequest request) {
        List<String> forwardedFor = Collections.list(request.getHeaders(FORWARDED_FOR));
        return settings.trustedProxies().clientOf(request.getRemoteAddr(), forwardedFor);
    }
}
