package io.quotecast.it;

import java.io.File;
import java.net.URI;

/**
 * Where the server under test is and what to deploy on it, from the system properties the server
 * module passes ({@code quotecast.it.baseUrl}, {@code quotecast.ear}, {@code quotecast.it.server});
 * nothing here knows a host or a port.
 */
final class QuotecastServer {

    static final String BASE_URL_PROPERTY = "quotecast.it.baseUrl";
    static final String EAR_PROPERTY = "quotecast.ear";
    static final String SERVER_PROPERTY = "quotecast.it.server";

    private QuotecastServer() {
    }

    /** The application's root, e.g. {@code http://127.0.0.1:8180/quotecast}, without a trailing slash. */
    static URI base() {
        String base = required(BASE_URL_PROPERTY);
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** A path under the application's root: {@code at("/api/health")}. */
    static URI at(String path) {
        return URI.create(base() + path);
    }

    /** The same server, another context root: {@code otherApplication("/feed-probe/publish")}. */
    static URI otherApplication(String path) {
        URI base = base();
        return base.resolve(path);
    }

    /** The quotes WebSocket, {@code ws://} or {@code wss://} to match the base URL's scheme. */
    static URI quotesSocket() {
        URI base = base();
        String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + base.getRawPath() + "/ws/quotes");
    }

    /** The built EAR, as the server module found it. */
    static File ear() {
        File ear = new File(required(EAR_PROPERTY));
        if (!ear.isFile()) {
            throw new IllegalStateException(EAR_PROPERTY + " points at " + ear
                    + ", which is not a file: build it first with mvn -DskipTests package -pl ejb-module,web-module,ear -am");
        }
        return ear;
    }

    /** wildfly or payara, for messages. */
    static String name() {
        return System.getProperty(SERVER_PROPERTY, "unnamed server");
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; the server module "
                    + "(src-it/wildfly or src-it/payara) passes it to the integration tests");
        }
        return value.trim();
    }
}
