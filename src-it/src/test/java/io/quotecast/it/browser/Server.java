package io.quotecast.it.browser;

import io.quotecast.it.Api;
import io.quotecast.it.Identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The page under test, from the same system property the server module passes to every shared
 * test ({@code quotecast.it.baseUrl}), for the browser tests' own package.
 */
final class Server {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private Server() {
    }

    /** The page: the application's root, with its trailing slash. */
    static URI page() {
        String base = required("quotecast.it.baseUrl");
        return URI.create(base.endsWith("/") ? base : base + "/");
    }

    /**
     * Requests what the page loads, once, so that a just-deployed server's first-request costs
     * (class loading, JIT) are not counted as the page's time to its first price.
     */
    static void warmUp() throws InterruptedException {
        for (String path : new String[] {"", "style.css", "js/app.js", "js/quotecast-client.js", "js/charts.js",
                "js/store.js", "api/instruments", "api/quotes"}) {
            try {
                HTTP.send(Api.as(Identity.CLIENT, HttpRequest.newBuilder(page().resolve(path))).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // Only a warm-up: the test itself reports what does not work.
            }
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; src-it/wildfly passes it");
        }
        return value.trim();
    }
}
