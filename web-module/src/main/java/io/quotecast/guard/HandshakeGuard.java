package io.quotecast.guard;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.quotecast.protocol.ErrorCode;
import io.quotecast.protocol.ErrorMessage;
import io.quotecast.protocol.ProtocolJson;

/**
 * Refuses WebSocket handshakes before the upgrade: a foreign Origin (403), an address or a
 * server already at its session limit (429, 503). Runs before the container's upgrade on
 * WildFly (Undertow) and Payara (Tyrus registers its upgrade filter after the application's).
 * It also hands the client address to the endpoint, which the WebSocket API does not expose,
 * in a request header it sets itself (overwriting any a client sent).
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class HandshakeGuard extends HttpFilter {

    public static final String PEER_HEADER = "X-Quotecast-Peer";

    @Inject
    GuardSettings settings;

    @Inject
    ConnectionSlots slots;

    @Inject
    GuardStats stats;

    private OriginPolicy origins;

    @Override
    public void init() {
        origins = new OriginPolicy(settings.allowedOrigins());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        if (!origins.permits(request.getHeader("Origin"), request.getHeader("Host"))) {
            stats.originRejected();
            refuse(response, HttpServletResponse.SC_FORBIDDEN, ErrorCode.FORBIDDEN,
                    "Origin not allowed; see quotecast.allowed-origins");
            return;
        }
        String address = request.getRemoteAddr();
        switch (slots.acquire(address)) {
            case ADDRESS_FULL -> {
                stats.addressFull();
                refuse(response, 429, ErrorCode.TOO_MANY_SESSIONS, "Too many sessions from your address");
                return;
            }
            case SERVER_FULL -> {
                stats.serverFull();
                response.setHeader("Retry-After", "5");
                refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, ErrorCode.TOO_MANY_SESSIONS,
                        "Server is at its session limit; try another node or later");
                return;
            }
            default -> {
            }
        }
        boolean upgraded = false;
        try {
            chain.doFilter(new WithPeer(request, address), response);
            upgraded = response.getStatus() == 101;
        } finally {
            if (!upgraded) {
                slots.release(address);
            }
        }
    }

    private static void refuse(HttpServletResponse response, int status, ErrorCode code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(ProtocolJson.JSONB.toJson(new ErrorMessage(code, message)));
    }

    /** The handshake request as the endpoint's configurator sees it, with our peer header. */
    private static final class WithPeer extends HttpServletRequestWrapper {
        private final String address;

        WithPeer(HttpServletRequest request, String address) {
            super(request);
            this.address = address;
        }

        @Override
        public String getHeader(String name) {
            return PEER_HEADER.equalsIgnoreCase(name) ? address : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return PEER_HEADER.equalsIgnoreCase(name) ? Collections.enumeration(List.of(address)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String name = e.nextElement();
                if (!PEER_HEADER.equalsIgnoreCase(name)) {
                    names.add(name);
                }
            }
            names.add(PEER_HEADER);
            return Collections.enumeration(names);
        }
    }
}
