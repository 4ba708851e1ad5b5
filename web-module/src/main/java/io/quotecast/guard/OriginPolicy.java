package io.quotecast.guard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a handshake's {@code Origin} may open a socket. A page from another site
 * could otherwise open one with the user's cookies (cross-site WebSocket hijacking). Allowed:
 * the page's own origin (the Origin's host and port equal the request's Host), any origin on
 * the allow-list, and requests with no Origin at all (not a browser, so no ambient cookies to
 * abuse; authentication still applies).
 */
public final class OriginPolicy {

    private final List<String> allowed;
    private final boolean anyOrigin;

    public OriginPolicy(List<String> allowedOrigins) {
        this.anyOrigin = allowedOrigins.contains("*");
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalise).toList();
    }

    public boolean permits(String origin, String host) {
        if (origin == null || anyOrigin) {
            return true;
        }
        String normalised = normalise(origin);
        if (allowed.contains(normalised)) {
            return true;
        }
        return host != null && sameHostAndPort(normalised, host.toLowerCase(Locale.ROOT));
    }

    private static boolean sameHostAndPort(String origin, String host) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            String originHost = uri.getHost();
            String withPort = originHost + ":" + port;
            return host.equals(withPort) || (host.equals(originHost) && (port == 80 || port == 443));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String normalise(String origin) {
        String lower = origin.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
