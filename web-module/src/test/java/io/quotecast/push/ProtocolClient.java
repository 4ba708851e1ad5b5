package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
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

/**
 * A protocol v1 client for tests: collects every text frame the server sends, in order, and the
 * close reason. Every wait is bounded by {@link #WAIT}; a frame that does not come fails the test
 * with what did come instead.
 *
 * <p>Threads: the container's read thread adds frames and completes {@code closed}; the test
 * thread takes them.
 */
final class ProtocolClient extends Endpoint implements AutoCloseable {

    /** Generous for loopback: an answer normally takes a millisecond or two. */
    static final Duration WAIT = Duration.ofSeconds(5);

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private volatile Session session;

    private ProtocolClient() {
    }

    /** Connects and returns once the handshake is done; the welcome is the first frame to read. */
    static ProtocolClient connect(WebSocketContainer container, URI uri) throws DeploymentException, IOException {
        ProtocolClient client = new ProtocolClient();
        container.connectToServer(client, ClientEndpointConfig.Builder.create().build(), uri);
        return client;
    }

    /** Connects and reads the welcome. */
    static ProtocolClient welcomed(WebSocketContainer container, URI uri) throws Exception {
        ProtocolClient client = connect(container, uri);
        client.next("welcome");
        return client;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) frames::add);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        closed.complete(reason);
    }

    @Override
    public void onError(Session session, Throwable failure) {
        closed.completeExceptionally(failure);
    }

    void send(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    /** One message split over several frames, as a client may send a long one. */
    void sendInParts(String... parts) throws IOException {
        for (int i = 0; i < parts.length; i++) {
            session.getBasicRemote().sendText(parts[i], i == parts.length - 1);
        }
    }

    /**
     * Sends a message the server is expected to refuse by closing the session. The close can race
     * the last fragment's send, and Tyrus's client then fails that send (its idle-timeout
     * executor is already shut down), so failures of the send itself are not the test's concern:
     * the close reason is.
     */
    void sendInPartsExpectingClose(String... parts) {
        try {
            sendInParts(parts);
        } catch (IOException | RuntimeException closedUnderneath) {
            // Expected when the server's close wins the race; awaitClose() tells what it said.
        }
    }

    void sendExpectingClose(String text) {
        sendInPartsExpectingClose(text);
    }

    void sendBinaryInPartsExpectingClose(byte[]... parts) {
        try {
            sendBinaryInParts(parts);
        } catch (IOException | RuntimeException closedUnderneath) {
            // As above.
        }
    }

    void sendBinaryInParts(byte[]... parts) throws IOException {
        for (int i = 0; i < parts.length; i++) {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(parts[i]), i == parts.length - 1);
        }
    }

    void sendBinary(byte[] bytes) throws IOException {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
    }

    void subscribe(String... symbols) throws IOException {
        send(Json.createObjectBuilder().add("type", "subscribe")
                .add("symbols", Json.createArrayBuilder(List.of(symbols))).build().toString());
    }

    void unsubscribe(String... symbols) throws IOException {
        send(Json.createObjectBuilder().add("type", "unsubscribe")
                .add("symbols", Json.createArrayBuilder(List.of(symbols))).build().toString());
    }

    /** The next frame, whatever its type. */
    JsonObject next() throws InterruptedException {
        String text = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (text == null) {
            fail("No frame within " + WAIT + (closed.isDone() ? "; the session was closed: " + closeDescription() : ""));
        }
        return parse(text);
    }

    /** The next frame, which must be of {@code type}. */
    JsonObject next(String type) throws InterruptedException {
        JsonObject frame = next();
        assertEquals(type, frame.getString("type", null), () -> "Expected a " + type + " frame, got " + frame);
        return frame;
    }

    /** Frames up to and including the first that matches, failing if none comes within the bound. */
    List<JsonObject> until(Predicate<JsonObject> last) throws InterruptedException {
        List<JsonObject> seen = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String text = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (text == null) {
                return fail("No matching frame within " + WAIT + "; got " + seen);
            }
            JsonObject frame = parse(text);
            seen.add(frame);
            if (last.test(frame)) {
                return seen;
            }
        }
    }

    /**
     * Sends a ping and returns every frame up to and including its pong. Replies come in request
     * order, so everything the server owed for earlier requests is in the list.
     */
    List<JsonObject> pingPong(String id) throws IOException, InterruptedException {
        send("{\"type\":\"ping\",\"id\":\"" + id + "\"}");
        return until(frame -> "pong".equals(frame.getString("type", null)) && id.equals(frame.getString("id", null)));
    }

    /** Proves the session still answers: a ping is answered by its pong, and nothing else. */
    void assertStillServing() throws IOException, InterruptedException {
        List<JsonObject> frames = pingPong("alive");
        assertEquals(1, frames.size(), () -> "Expected only the pong, got " + frames);
    }

    CloseReason awaitClose() throws InterruptedException {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return fail("The session failed instead of closing", e.getCause());
        } catch (TimeoutException e) {
            return fail("The session was not closed within " + WAIT);
        }
    }

    boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (session != null && session.isOpen()) {
            session.close();
        }
    }

    private String closeDescription() {
        return closed.handle((reason, failure) -> failure != null ? failure.toString() : String.valueOf(reason)).join();
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject frame = reader.readObject();
            assertTrue(frame.containsKey("type"), () -> "A frame without a type: " + text);
            return frame;
        } catch (JsonException | IllegalStateException e) {
            return fail("The server sent a frame that is not a JSON object: " + text, e);
        }
    }
}
