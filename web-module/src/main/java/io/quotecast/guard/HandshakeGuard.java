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
import java.util.Map;
import java.util.TreeMap;

import io.quotecast.protocol.ErrorCode;
import io.quotecast.protocol.ErrorMessage;
import io.quotecast.protocol.ProtocolJson;
import io.quotecast.security.Caller;

/**
 * Refuses WebSocket handshakes before the upgrade: a foreign Origin (403), an address or a
 * server already at its session limit (429, 503), a node that is draining (503). Runs before the container's upgrade on
 * WildFly (Undertow) and Payara (Tyrus registers its upgrade filter after the application's).
 * It also hands the client address and the authenticated caller to the endpoint, which the
 * WebSocket API does not expose, in request headers it sets itself (overwriting any a client sent).
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class HandshakeGuard extends HttpFilter {

    public static final String PEER_HEADER = "X-Quotecast-Peer";
    public static final String CALLER_HEADER = "X-Quotecast-Caller";

    @Inject
    GuardSettings settings;

    @Inject
    ConnectionSlots slots;

    @Inject
    GuardStats stats;

    @Inject
    ClientAddresses clients;

    private OriginPolicy origins;

    @Override
    public void init() {
        origins = new OriginPolicy(settings.allowedOrigins());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            // Not ours to refuse, but whatever the container makes of it must not see a caller
            // header the client wrote.
            chain.doFilter(new WithOwnHeaders(request, ownHeaders(request, clients.of(request))), response);
            return;
        }
        if (!origins.permits(request.getHeader("Origin"), request.getHeader("Host"))) {
            stats.originRejected();
            refuse(response, HttpServletResponse.SC_FORBIDDEN, ErrorCode.FORBIDDEN,
                    "Origin not allowed; see quotecast.allowed-origins");
            return;
        }
        String address = clients.of(request);
        switch (slots.acquire(address)) {
            case ADDRESS_FULL -> {
                stats.addressFull();
                refuse(response, 429, ErrorCode.TOO_MANY_SESSIONS, "Too many sessions from your address");
                return;
            }
            case SERVER_FULL -> {
                stats.serverFull();
                unavailable(response, ErrorCode.TOO_MANY_SESSIONS, "Server is at its session limit; try another node or later");
                return;
            }
            case DRAINING -> {
                stats.drainingRefused();
                unavailable(response, ErrorCode.DRAINING, "Node is draining: connect again, to another node");
                return;
            }
            default -> {
            }
        }
        boolean upgraded = false;
        try {
            chain.doFilter(new WithOwnHeaders(request, ownHeaders(request, address)), response);
            upgraded = response.getStatus() == 101;
        } finally {
            if (!upgraded) {
                slots.release(address);
            }
        }
    }

    private static Map<String, String> ownHeaders(HttpServletRequest request, String address) {
        return Map.of(PEER_HEADER, address,
                CALLER_HEADER, Caller.of(request).map(Caller::toHeader).orElse(""));
    }

    /** 503 with {@code Retry-After}: this node cannot take the session now; another may. */
    private static void unavailable(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setHeader("Retry-After", "5");
        refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, code, message);
    }

    private static void refuse(HttpServletResponse response, int status, ErrorCode code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(ProtocolJson.JSONB.toJson(new ErrorMessage(code, message)));
    }

    /** The handshake request as the endpoint's configurator sees it, with our own headers. */
    private static final class WithOwnHeaders extends HttpServletRequestWrapper {
        private final Map<String, String> own = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        WithOwnHeaders(HttpServletRequest request, Map<String, String> own) {
            super(request);
            this.own.putAll(own);
        }

        @Override
        public String getHeader(String name) {
            return own.containsKey(name) ? own.get(name) : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return own.containsKey(name) ? Collections.enumeration(List.of(own.get(name))) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String name = e.nextElement();
                if (!own.containsKey(name)) {
                    names.add(name);
                }
            }
            names.addAll(own.keySet());
            return Collections.enumeration(names);
        }
    }
}
