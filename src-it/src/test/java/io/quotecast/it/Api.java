package io.quotecast.it;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.opentest4j.AssertionFailedError;

/** Plain HTTP to the server under test, as any client would do it, and the readiness wait. */
public final class Api {

    /** Payara returns from a deployment before the application is up; the feed needs a moment too. */
    static final Duration READINESS_BOUND = Duration.ofSeconds(120);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    // Immutable and thread-safe; HTTP/1.1 so that no server sees an h2c upgrade attempt.
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Api() {
    }

    /** Waits until {@code GET /api/health} answers 200: deployed, started, and the feed has priced. */
    public static void awaitReady() {
        Await.until("GET " + QuotecastServer.at("/api/health") + " to answer 200", READINESS_BOUND,
                () -> get("/api/health", Identity.ANONYMOUS).statusCode() == 200);
    }

    /** {@code GET} a path under the application's root as {@link Identity#CLIENT}, e.g. {@code get("/api/quotes/AAPL")}. */
    static HttpResponse<String> get(String path) {
        return get(path, Identity.CLIENT);
    }

    static HttpResponse<String> get(String path, Identity identity) {
        return get(path, identity, Map.of());
    }

    static HttpResponse<String> get(String path, Identity identity, Map<String, String> headers) {
        HttpRequest.Builder request = as(identity, HttpRequest.newBuilder(QuotecastServer.at(path)).GET());
        headers.forEach(request::header);
        return send(request);
    }

    /** Adds the identity's {@code Authorization} header, if it has one. */
    public static HttpRequest.Builder as(Identity identity, HttpRequest.Builder request) {
        identity.authorization().ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    /** {@code GET} a path that must answer 200 with a JSON object. */
    static JsonObject getObject(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionFailedError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JsonText.object(response.body());
    }

    static JsonObject stats() {
        return getObject("/api/stats");
    }

    static HttpResponse<String> post(URI uri, String body) {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** {@code POST} with an empty body to a path under the application's root, as {@code identity}. */
    static HttpResponse<String> post(String path, Identity identity) {
        return send(as(identity, HttpRequest.newBuilder(QuotecastServer.at(path))
                .POST(HttpRequest.BodyPublishers.noBody())));
    }

    static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("Interrupted during an HTTP request", e);
        }
    }
}
