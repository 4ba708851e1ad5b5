package io.quotecast.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

import io.quotecast.feed.FeedStats;
import io.quotecast.quote.LastValueCache;
import io.quotecast.quote.UtcMillis;

/**
 * Readiness: 200 once the feed has delivered at least one price (so snapshots have something to
 * show), 503 before. Load balancers and the integration tests wait on it.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class HealthResource {

    @JsonbPropertyOrder({"status", "ready", "symbolsPriced", "lastPriceAt"})
    public record Health(String status, boolean ready, int symbolsPriced,
                         @JsonbTypeAdapter(UtcMillis.class) Instant lastPriceAt) {
    }

    @Inject
    FeedStats feed;

    @Inject
    LastValueCache cache;

    @GET
    public Response health() {
        Instant last = feed.lastAcceptedAt();
        boolean ready = last != null;
        Health health = new Health(ready ? "UP" : "WAITING_FOR_FEED", ready, cache.size(), last);
        return Response.status(ready ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE).entity(health).build();
    }
}
