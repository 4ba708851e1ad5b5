package io.quotecast.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A protocol v1 client over a real socket (Tyrus client): every text frame the server sends is
 * queued as it arrives, and the test reads the queue with bounded waits. Reading is for one test
 * thread; the queue and the close future are what the WebSocket threads touch.
 */
final class QuoteSocket implements AutoCloseable {

    /** How long a reply may take. Generous: the machine is shared and the servers are busy. */
    static final Duration REPLY_BOUND = Duration.ofSeconds(10);
    private static final int RECENT_FRAMES_SHOWN = 8;

    // One client, one shared Grizzly transport for every socket: hundreds of sockets must not
    // mean hundreds of selector thread pools. ClientManager is thread-safe.
    private static final ClientManager CLIENT = sharedClient();

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Deque<String> recent = new ArrayDeque<>();
    private final URI uri;
    private final Session session;
    private int pings;

    private QuoteSocket(ClientManager client, URI uri, Identity identity, Map<String, List<String>> headers) {
        this.uri = uri;
        try {
            session = client.connectToServer(new Listener(), ClientEndpointConfig.Builder.create()
                            .configurator(new LoggingIn(identity, headers)).build(), uri);
        } catch (DeploymentException | IOException e) {
            throw new AssertionFailedError("Cannot open " + uri, e);
        }
    }

    /** Opens a session as {@link Identity#CLIENT}; its first frame, the welcome, is left for the test to read. */
    static QuoteSocket open() {
        return open(Identity.CLIENT);
    }

    static QuoteSocket open(Identity identity) {
        return new QuoteSocket(CLIENT, QuotecastServer.quotesSocket(), identity, Map.of());
    }

    /** Opens a session at {@code uri} through {@code client} (its own TLS, say), with more handshake {@code headers}. */
    static QuoteSocket open(ClientManager client, URI uri, Identity identity, Map<String, List<String>> headers) {
        return new QuoteSocket(client, uri, identity, headers);
    }

    /** Sends the identity's credentials with the handshake, as a program would, and any other headers given. */
    private static final class LoggingIn extends ClientEndpointConfig.Configurator {
        private final Identity identity;
        private final Map<String, List<String>> more;

        LoggingIn(Identity identity, Map<String, List<String>> more) {
            this.identity = identity;
            this.more = more;
        }

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            identity.authorization().ifPresent(value -> headers.put("Authorization", List.of(value)));
            headers.putAll(more);
        }
    }

    /** Opens a session and reads its welcome. */
    static QuoteSocket openPastWelcome() {
        QuoteSocket socket = open();
        socket.expect("welcome");
        return socket;
    }

    // ---- sending ---------------------------------------------------------------------------

    /**
     * Sends one text frame. A send on a connection that is no longer open throws
     * {@link IllegalStateException}, as the Jakarta WebSocket API says: Tyrus instead throws a bare
     * {@code RuntimeException} ("Socket is not connected.") when the server's close lands between
     * {@code isOpen()} and the send (HardeningIT's flood, once in CI on WildFly, session 13), and
     * a test that floods until closed must be able to tell that from a failure.
     */
    void send(String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send a frame to " + uri, e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot send a frame to " + uri
                    + ": the connection is no longer open (" + e.getMessage() + ")", e);
        }
    }

    void send(JsonObject message) {
        send(message.toString());
    }

    void sendBinary(byte[] bytes) {
        try {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send a frame to " + uri, e);
        }
    }

    static JsonObject request(String type, String... symbols) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (String symbol : symbols) {
            array.add(symbol);
        }
        return Json.createObjectBuilder().add("type", type).add("symbols", array).build();
    }

    // ---- reading ---------------------------------------------------------------------------

    /** The next frame, waiting at most {@link #REPLY_BOUND}. */
    JsonObject next() {
        return next(REPLY_BOUND);
    }

    /** The next frame, waiting at most {@code bound}; fails when none comes. */
    JsonObject next(Duration bound) {
        String text = poll(bound);
        if (text == null) {
            throw new AssertionFailedError("No frame within " + bound.toSeconds() + " s" + diagnosis());
        }
        return JsonText.object(text);
    }

    /** The next frame, which must be of {@code type}. */
    JsonObject expect(String type) {
        JsonObject frame = next();
        assertEquals(type, frame.getString("type", null), () -> "Expected a " + type + " frame" + diagnosis());
        return frame;
    }

    /**
     * Reads frames until one matches, and returns every frame read, that one last. Fails if none
     * matches within {@code bound}.
     */
    List<JsonObject> readUntil(String what, Duration bound, Predicate<JsonObject> stop) {
        long deadline = System.nanoTime() + bound.toNanos();
        List<JsonObject> read = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            String text = left > 0 ? poll(Duration.ofNanos(left)) : frames.poll();
            if (text == null) {
                throw new AssertionFailedError("No " + what + " within " + bound.toSeconds() + " s ("
                        + read.size() + " other frames read)" + diagnosis());
            }
            JsonObject frame = JsonText.object(text);
            read.add(frame);
            if (stop.test(frame)) {
                return read;
            }
        }
    }

    /** Reads frames until one matches, and returns it. */
    JsonObject await(String what, Duration bound, Predicate<JsonObject> match) {
        List<JsonObject> read = readUntil(what, bound, match);
        return read.get(read.size() - 1);
    }

    /**
     * Sends a ping with a fresh id and reads until its pong, which the server sends only after
     * answering every earlier request; returns the frames that came before the pong.
     */
    List<JsonObject> roundTrip() {
        String id = "rt-" + (++pings);
        send(Json.createObjectBuilder().add("type", "ping").add("id", id).build());
        List<JsonObject> read = readUntil("pong for ping " + id, REPLY_BOUND,
                frame -> isType(frame, "pong") && id.equals(frame.getString("id", null)));
        return new ArrayList<>(read.subList(0, read.size() - 1));
    }

    /**
     * Subscribes and reads the confirmation and the snapshot, which must come in that order with
     * no quote of these symbols before them (quotes of symbols subscribed earlier may interleave).
     * Returns the snapshot.
     */
    JsonObject subscribe(String... symbols) {
        List<String> requested = List.of(symbols);
        send(request("subscribe", symbols));
        List<JsonObject> upToConfirmation = readUntil("subscribed frame", REPLY_BOUND, f -> isType(f, "subscribed"));
        JsonObject subscribed = upToConfirmation.get(upToConfirmation.size() - 1);
        assertEquals(requested, JsonText.strings(subscribed.getJsonArray("symbols")),
                "subscribed should confirm every requested symbol");
        List<JsonObject> upToSnapshot = readUntil("snapshot frame", REPLY_BOUND, f -> isType(f, "snapshot"));
        List<JsonObject> before = new ArrayList<>(upToConfirmation.subList(0, upToConfirmation.size() - 1));
        before.addAll(upToSnapshot.subList(0, upToSnapshot.size() - 1));
        for (JsonObject frame : before) {
            if (!isType(frame, "quote") || requested.contains(frame.getString("symbol", null))) {
                throw new AssertionFailedError("Unexpected frame before subscribed and snapshot: " + frame);
            }
        }
        return upToSnapshot.get(upToSnapshot.size() - 1);
    }

    /**
     * Reads the next {@code count} frames, which must all be quotes (no request is pending), within
     * {@code bound} all together.
     */
    List<JsonObject> quotes(int count, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        List<JsonObject> quotes = new ArrayList<>(count);
        while (quotes.size() < count) {
            long left = deadline - System.nanoTime();
            String text = left > 0 ? poll(Duration.ofNanos(left)) : null;
            if (text == null) {
                throw new AssertionFailedError("Only " + quotes.size() + " of " + count + " live quotes within "
                        + bound.toSeconds() + " s" + diagnosis());
            }
            JsonObject frame = JsonText.object(text);
            if (!isType(frame, "quote")) {
                throw new AssertionFailedError("Expected only quotes but got " + frame + diagnosis());
            }
            quotes.add(frame);
        }
        return quotes;
    }

    /** Every frame that arrives during {@code window}; for proving that something does not come. */
    List<JsonObject> readFor(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        List<JsonObject> read = new ArrayList<>();
        for (long left = window.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            String text = poll(Duration.ofNanos(left));
            if (text != null) {
                read.add(JsonText.object(text));
            }
        }
        return read;
    }

    /** Waits until the server closes the session, and returns why it did. */
    CloseReason awaitClose(Duration bound) {
        try {
            return closed.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionFailedError("Session not closed within " + bound.toSeconds() + " s" + diagnosis());
        } catch (ExecutionException e) {
            throw new AssertionFailedError("Session failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("Interrupted while waiting for a close", e);
        }
    }

    /** Frames received but not read yet. */
    int unread() {
        return frames.size();
    }

    boolean isOpen() {
        return session.isOpen();
    }

    static boolean isType(JsonObject frame, String type) {
        return type.equals(frame.getString("type", null));
    }

    static boolean isQuoteOf(JsonObject frame, String symbol) {
        return isType(frame, "quote") && symbol.equals(frame.getString("symbol", null));
    }

    @Override
    public void close() {
        if (session.isOpen()) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "test done"));
            } catch (IOException e) {
                // The server may have closed first; either way this session is over.
            }
        }
    }

    private String poll(Duration bound) {
        try {
            String text = frames.poll(bound.toNanos(), TimeUnit.NANOSECONDS);
            if (text != null) {
                recent.addLast(text);
                if (recent.size() > RECENT_FRAMES_SHOWN) {
                    recent.removeFirst();
                }
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("Interrupted while reading frames", e);
        }
    }

    private String diagnosis() {
        StringBuilder text = new StringBuilder(" from ").append(uri)
                .append(" on ").append(QuotecastServer.name());
        CloseReason reason = closed.getNow(null);
        if (reason != null) {
            text.append("; the session was closed: ").append(reason.getCloseCode().getCode())
                    .append(' ').append(reason.getReasonPhrase());
        }
        text.append("; last frames read: ").append(recent);
        String unread = frames.peek();
        if (unread != null) {
            text.append("; ").append(frames.size()).append(" frames not read yet, the first: ")
                    .append(unread.length() > 200 ? unread.substring(0, 200) + "…" : unread);
        }
        return text.toString();
    }

    private static ClientManager sharedClient() {
        ClientManager client = ClientManager.createClient();
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, 30_000L);
        return client;
    }

    /** Runs on Tyrus's threads: only hands frames and the close over to the test thread. */
    private final class Listener extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, frames::add);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }
    }
}
