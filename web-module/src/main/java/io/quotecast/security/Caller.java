package io.quotecast.security;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who made a request and the groups their identity store gave them. The authentication mechanism
 * leaves it on the request, because entitlements are granted to groups and the container's role
 * API only answers for the roles a deployment declares, which entitlement groups are not.
 */
public record Caller(String name, Set<String> groups) {

    static final String ATTRIBUTE = "io.quotecast.caller";

    public Caller {
        groups = Set.copyOf(groups);
    }

    public static Optional<Caller> of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }

    void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /**
     * As one header value, for the WebSocket handshake: the endpoint's configurator sees the
     * request's headers but not its attributes. The filter that writes it overwrites any value a
     * client sent.
     */
    public String toHeader() {
        return encode(name) + ";" + groups.stream().map(Caller::encode).sorted().collect(Collectors.joining(","));
    }

    public static Optional<Caller> fromHeader(String value) {
        if (value == null || value.indexOf(';') < 1) {
            return Optional.empty();
        }
        int semicolon = value.indexOf(';');
        Set<String> groups = Arrays.stream(value.substring(semicolon + 1).split(","))
                .filter(g -> !g.isEmpty()).map(Caller::decode).collect(Collectors.toSet());
        return Optional.of(new Caller(decode(value.substring(0, semicolon)), groups));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
