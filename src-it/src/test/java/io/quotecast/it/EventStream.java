package io.quotecast.it;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.opentest4j.AssertionFailedError;

/**
 * A Server-Sent Events client for {@code GET /api/stream}, as the SSE spec parses a stream:
 * lines up to a blank line make one event ({@code event:}, {@code id:}, {@code data:}, and
 * comments). Events are queued as they arrive, on the HTTP client's thread; the test reads the
 * queue with bounded waits.
 */
final class EventStream implements AutoCloseable {

    /** One event as received. {@code comments} are the comment lines, without the colon. */
    record Event(String name, String id, String data, List<String> comments) {
        JsonObject json() {
            return JsonText.object(data);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration OPEN_BOUND = Duration.ofSeconds(30);

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final Stream<String> lines;
    private final CompletableFuture<Void> reading;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.lines = response.body();
        this.reading = CompletableFuture.runAsync(this::read);
    }

    /** Opens {@code path} (e.g. {@code /api/stream?symbols=AAPL}) as {@link Identity#CLIENT}; {@code lastEventId} may be null. */
    static EventStream open(String path, String lastEventId) {
        return open(path, lastEventId, Identity.CLIENT);
    }

    static EventStream open(String path, String lastEventId, Identity identity) {
        return open(HTTP, QuotecastServer.at(path), lastEventId, identity);
    }

    /** Opens {@code uri} through {@code http} (its own TLS, say). */
    static EventStream open(HttpClient http, URI uri, Identity identity) {
        return open(http, uri, null, identity);
    }

    private static EventStream open(HttpClient http, URI uri, String lastEventId, Identity identity) {
        HttpRequest.Builder request = Api.as(identity, HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream"));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response = http.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines())
                    .get(OPEN_BOUND.toSeconds(), TimeUnit.SECONDS);
            return new EventStream(response);
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException("GET " + uri + " failed", e.getCause()));
        } catch (TimeoutException e) {
            throw new AssertionFailedError("GET " + uri + " not answered within " + OPEN_BOUND.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("Interrupted opening " + uri, e);
        }
    }

    int status() {
        return response.statusCode();
    }

    HttpHeaders headers() {
        return response.headers();
    }

    /** The next event, which must come within {@code bound}. */
    Event next(Duration bound) {
        try {
            Event event = events.poll(bound.toNanos(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionFailedError("No SSE event within " + bound.toSeconds() + " s from "
                        + response.uri() + (reading.isDone() ? " (the stream has ended)" : ""));
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("Interrupted reading events", e);
        }
    }

    /** Reads events until one matches; returns all read, that one last. */
    List<Event> readUntil(String what, Duration bound, Predicate<Event> stop) {
        long deadline = System.nanoTime() + bound.toNanos();
        List<Event> read = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionFailedError("No " + what + " within " + bound.toSeconds() + " s; read " + read.size()
                        + " other events, the last: " + (read.isEmpty() ? "none" : read.get(read.size() - 1)));
            }
            Event event;
            try {
                event = next(Duration.ofNanos(left));
            } catch (AssertionFailedError e) {
                throw new AssertionFailedError("No " + what + " within " + bound.toSeconds() + " s; read " + read.size()
                        + " other events", e);
            }
            read.add(event);
            if (stop.test(event)) {
                return read;
            }
        }
    }

    /** Whether the server has ended the stream. */
    boolean ended() {
        return reading.isDone();
    }

    @Override
    public void close() {
        lines.close();
        reading.cancel(true);
    }

    private void read() {
        String name = null;
        String id = null;
        StringBuilder data = null;
        List<String> comments = new ArrayList<>();
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.isEmpty()) {
                if (data != null || !comments.isEmpty()) {
                    events.add(new Event(name == null ? "message" : name, id, data == null ? null : data.toString(),
                            List.copyOf(comments)));
                }
                name = null;
                data = null;
                comments = new ArrayList<>();
            } else if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "event" -> name = value;
                    case "id" -> id = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                        // retry and unknown fields: not used by these tests
                    }
                }
            }
        }
    }
}
