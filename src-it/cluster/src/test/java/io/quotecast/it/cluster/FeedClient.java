package io.quotecast.it.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.glassfish.tyrus.client.ClientManager;

/**
 * A WebSocket client that behaves like the page's connection layer, as far as these tests need:
 * connects (through the load balancer), subscribes to its symbols after welcome, and when the
 * connection is lost reconnects after {@value #RECONNECT_MILLIS} ms and subscribes again. It
 * records every frame per connection, the node that served each connection (HAProxy's
 * X-Quotecast-Node header), the close reasons, and the newest price of each symbol it has been
 * shown (snapshot or quote). Thread-safe: the container's threads write, the test reads.
 */
final class FeedClient implements AutoCloseable {

    static final long RECONNECT_MILLIS = 500;

    /** One connection's life: which node served it and what it received. */
    static final class Connection {
        volatile String node;
        final List<JsonObject> frames = new CopyOnWriteArrayList<>();
        volatile CloseReason closed;

        List<JsonObject> ofType(String type) {
            return frames.stream().filter(f -> type.equals(f.getString("type", ""))).toList();
        }

        boolean snapshotted() {
            return !ofType("snapshot").isEmpty();
        }
    }

    private final ClientManager container;
    private final ScheduledExecutorService scheduler;
    private final URI uri;
    private final List<String> symbols;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Map<String, BigDecimal> shown = new ConcurrentHashMap<>();
    private final Map<String, Long> shownVolume = new ConcurrentHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile Session session;
    private volatile boolean closing;

    FeedClient(ClientManager container, ScheduledExecutorService scheduler, URI uri, List<String> symbols) {
        this.container = container;
        this.scheduler = scheduler;
        this.uri = uri;
        this.symbols = List.copyOf(symbols);
        connect();
    }

    private void connect() {
        if (closing) {
            return;
        }
        attempts.incrementAndGet();
        Connection connection = new Connection();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().configurator(new ClientEndpointConfig.Configurator() {
            @Override
            public void afterResponse(HandshakeResponse response) {
                List<String> node = response.getHeaders().entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase("X-Quotecast-Node"))
                        .flatMap(e -> e.getValue().stream()).toList();
                connection.node = node.isEmpty() ? "direct" : node.get(0);
            }
        }).build();
        try {
            session = container.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session opened, EndpointConfig endpointConfig) {
                    opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> received(opened, connection, text));
                }

                @Override
                public void onClose(Session closed, CloseReason reason) {
                    connection.closed = reason;
                    scheduleReconnect();
                }
            }, config, uri);
            connections.add(connection);
        } catch (Exception e) {
            // Nothing listening yet, or the balancer has no node: try again, as the page would.
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (!closing) {
            scheduler.schedule(this::connect, RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void received(Session from, Connection connection, String text) {
        JsonObject frame;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            frame = reader.readObject();
        }
        switch (frame.getString("type", "")) {
            case "welcome" -> subscribe(from);
            case "snapshot" -> frame.getJsonArray("quotes").getValuesAs(JsonObject.class).forEach(this::show);
            case "quote" -> show(frame);
            default -> {
            }
        }
        // Recorded only once shown: live() reads the frames, and a test that saw the snapshot
        // arrive must also see its prices (CI once read them half applied).
        connection.frames.add(frame);
    }

    private void subscribe(Session to) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        symbols.forEach(list::add);
        to.getAsyncRemote().sendText(Json.createObjectBuilder().add("type", "subscribe").add("symbols", list).build().toString());
    }

    private void show(JsonObject quote) {
        shown.put(quote.getString("symbol"), quote.getJsonNumber("price").bigDecimalValue());
        shownVolume.put(quote.getString("symbol"), quote.getJsonNumber("volume").longValue());
    }

    List<Connection> connections() {
        return List.copyOf(connections);
    }

    Connection current() {
        List<Connection> all = connections();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** Open, subscribed and snapshotted on its newest connection. */
    boolean live() {
        Session s = session;
        Connection c = current();
        return s != null && s.isOpen() && c != null && c.closed == null && c.snapshotted();
    }

    String node() {
        Connection c = current();
        return c == null ? null : c.node;
    }

    /** The volume of the newest price shown for each symbol (volumes name the published prices). */
    Map<String, Long> shownVolumes() {
        return Map.copyOf(shownVolume);
    }

    /** Shows exactly these prices, the newest published of each symbol (volumes tell them apart). */
    boolean showsExactly(Map<String, TestFeed.Tick> last) {
        Map<String, Long> volumes = shownVolumes();
        Map<String, BigDecimal> prices = shownPrices();
        return last.values().stream().allMatch(t -> Long.valueOf(t.volume()).equals(volumes.get(t.symbol()))
                && prices.get(t.symbol()) != null && prices.get(t.symbol()).compareTo(t.price()) == 0);
    }

    Map<String, BigDecimal> shownPrices() {
        return Map.copyOf(shown);
    }

    /** Volumes of every quote (not snapshot) received on every connection, in order. */
    List<Long> quoteVolumes(Connection connection) {
        List<Long> volumes = new ArrayList<>();
        connection.ofType("quote").forEach(q -> volumes.add(q.getJsonNumber("volume").longValue()));
        return volumes;
    }

    List<String> statuses() {
        List<String> feeds = new ArrayList<>();
        connections().forEach(c -> c.ofType("status").forEach(s -> feeds.add(s.getString("feed"))));
        return feeds;
    }

    @Override
    public void close() {
        closing = true;
        Session s = session;
        if (s != null && s.isOpen()) {
            try {
                s.close();
            } catch (IOException | IllegalStateException e) {
                // Already going.
            }
        }
    }

    @Override
    public String toString() {
        Connection c = current();
        return "client(" + attempts.get() + " attempts, node " + node() + ", live " + live()
                + (c != null && c.closed != null ? ", closed " + c.closed : "") + ")";
    }
}
