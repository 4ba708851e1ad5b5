package io.quotecast.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

import io.quotecast.feed.FeedStats;
import io.quotecast.feed.FeedStatus;
import io.quotecast.feed.SnapshotState;
import io.quotecast.protocol.ErrorCode;
import io.quotecast.quote.LastValueCache;
import io.quotecast.quote.UtcMillis;
import io.quotecast.status.Drain;

/**
 * Readiness: 200 once this node can serve correct snapshots (its start-up snapshot is loaded, when
 * one is configured, and it has prices), 503 before and while it drains. Load balancers and the
 * integration tests wait on it. {@code feed} says whether prices are flowing ({@code stale}: none
 * for longer than the bound); a stale node stays ready, since every node shares the one feed.
 * {@code POST /health/drain} takes the node out of service (see {@link Drain}).
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class HealthResource {

    @JsonbPropertyOrder({"status", "ready", "feed", "symbolsPriced", "lastPriceAt"})
    public record Health(String status, boolean ready, String feed, int symbolsPriced,
                         @JsonbTypeAdapter(UtcMillis.class) Instant lastPriceAt) {
    }

    @JsonbPropertyOrder({"status", "ready", "closingInSeconds", "closingOverSeconds"})
    public record Draining(String status, boolean ready, int closingInSeconds, int closingOverSeconds) {
    }

    @Inject
    FeedStats feed;

    @Inject
    FeedStatus feedStatus;

    @Inject
    SnapshotState snapshot;

    @Inject
    LastValueCache cache;

    @Inject
    Drain drain;

    @GET
    public Response health() {
        Instant last = feed.lastAcceptedAt();
        String status;
        if (drain.draining()) {
            status = "DRAINING";
        } else if (!snapshot.loaded()) {
            status = "LOADING_SNAPSHOT";
        } else if (cache.size() == 0) {
            status = "WAITING_FOR_FEED";
        } else {
            status = "UP";
        }
        boolean ready = status.equals("UP");
        Health health = new Health(status, ready, feedStatus.current().feed(), cache.size(), last);
        return Response.status(ready ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE).entity(health).build();
    }

    /**
     * Starts draining: 202, the seconds until sessions are closed and over how many. Only for the
     * {@code quotecast-operator} role (web.xml) and only from this machine (loopback): an
     * operator's script or a Kubernetes preStop hook with an operator's token. The load balancer
     * must not forward this path (cluster/haproxy.cfg refuses it).
     */
    @POST
    @Path("/drain")
    public Response drain(@Context HttpServletRequest request) {
        if (!isLoopback(request.getRemoteAddr())) {
            return ApiErrors.of(Response.Status.FORBIDDEN, ErrorCode.FORBIDDEN,
                    "Draining is accepted from this machine (loopback) only");
        }
        drain.start();
        return Response.accepted(new Draining("DRAINING", false, drain.delaySeconds(), drain.spreadSeconds())).build();
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isBlank() || !address.matches("[0-9a-fA-F:.%]+")) {
            return false;
        }
        try {
            // A literal address: no name lookup happens.
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
