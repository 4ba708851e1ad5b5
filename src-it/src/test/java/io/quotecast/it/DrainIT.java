package io.quotecast.it;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Taking one server out of service, as an operator's script or a Kubernetes preStop hook does
 * before stopping it (docs/protocol.md, {@code POST /health/drain}): on each server, not only on
 * the WildFly nodes of the cluster tests. One-way until the application restarts, which
 * Arquillian's undeployment of this class does.
 */
public class DrainIT extends DeployedEar {

    /**
     * The drain's delay ({@code quotecast.drain.delay-seconds}, 5 by default) and then some, for a
     * busy machine; the one session is in the spread's first slice.
     */
    private static final Duration CLOSED_BOUND = Duration.ofSeconds(30);

    @Test
    void aDrainedServerIsUnreadyAtOnceThenClosesItsSocketsWithGoingAwayAndEndsItsStreams() {
        try (QuoteSocket socket = QuoteSocket.openPastWelcome();
             EventStream stream = EventStream.open("/api/stream?symbols=AAPL", null)) {
            socket.subscribe("AAPL");
            stream.readUntil("the stream's welcome", Duration.ofSeconds(10), e -> "welcome".equals(e.name()));

            assertEquals(403, Api.post("/api/health/drain", Identity.NOBODY).statusCode(), "only an operator drains");
            assertEquals(200, Api.get("/api/health", Identity.ANONYMOUS).statusCode(), "a refused drain changes nothing");

            HttpResponse<String> drained = Api.post("/api/health/drain", Identity.CLIENT);
            assertEquals(202, drained.statusCode(), drained::body);
            JsonObject answer = JsonText.object(drained.body());
            assertEquals("DRAINING", answer.getString("status"), answer::toString);
            assertFalse(answer.getBoolean("ready"), answer::toString);
            int closingIn = answer.getInt("closingInSeconds");
            assertEquals(5, answer.getInt("closingOverSeconds"), () -> "the default spread of the closes: " + answer);

            HttpResponse<String> health = Api.get("/api/health", Identity.ANONYMOUS);
            assertEquals(503, health.statusCode(), "not ready at once: " + health.body());
            assertEquals("DRAINING", JsonText.object(health.body()).getString("status"), health::body);
            assertTrue(Api.stats().getBoolean("draining"), "draining in /api/stats");
            assertTrue(socket.isOpen(), "sessions stay open for the " + closingIn + " s the balancer needs to notice");

            // A client the balancer still sends here is told to go elsewhere, on every transport.
            long refusedBefore = Api.stats().getJsonNumber("drainingRefused").longValue();
            RawWebSocket.Handshake handshake = RawWebSocket.handshake(Map.of(), null, 0);
            assertEquals(503, handshake.status(), "a new WebSocket session refused: " + handshake.body());
            assertEquals("DRAINING", JsonText.object(handshake.body()).getString("code"), handshake.body());
            assertEquals("5", handshake.headers().get("retry-after"), handshake.headers()::toString);
            HttpResponse<String> newStream = Api.get("/api/stream?symbols=AAPL", Identity.CLIENT,
                    Map.of("Accept", "text/event-stream"));
            assertEquals(503, newStream.statusCode(), "a new SSE stream refused: " + newStream.body());
            assertEquals("DRAINING", JsonText.object(newStream.body()).getString("code"), newStream.body());
            assertEquals(refusedBefore + 2, Api.stats().getJsonNumber("drainingRefused").longValue(),
                    "refusals counted in /api/stats");
            assertTrue(socket.isOpen(), "the open session is not affected");

            CloseReason reason = socket.awaitClose(CLOSED_BOUND);
            assertEquals(CloseReason.CloseCodes.GOING_AWAY, reason.getCloseCode(), reason::toString);
            assertEquals("Node is draining: reconnect", reason.getReasonPhrase());
            Await.until("the SSE stream ended by the server", CLOSED_BOUND, stream::ended);
        }
    }
}
