package io.quotecast.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * Counters since start: what came in, what went out, and everything dropped or refused, as JSON
 * ({@link MetricsResource} serves the same in Prometheus' text format).
 */
@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class StatsResource {

    @JsonbPropertyOrder({"openSessions", "openStreams", "heldPolls", "sessionsOpened", "sessionsClosed", "sessionsClosedBy", "subscriptions", "updatesReceived", "updatesConflated",
            "messagesPushed", "containerApiSessions", "directFrames", "directFramesPartial", "quotesConflated", "sendFailures", "overflowCloses", "errorsSent",
            "rateLimited", "floodCloses", "oversizedCloses", "heartbeatCloses", "hearingLagMillis", "stuckCloses", "originRejected", "addressFull",
            "serverFull", "drainingRefused", "unauthenticated", "badCredentials", "loginThrottled", "forbiddenSymbols", "feedReceived", "feedAccepted",
            "feedRejected", "feedRejectedByReason", "feed", "feedStaleCount", "snapshotQuotes", "draining"})
    public record Stats(int openSessions, int openStreams, int heldPolls, long sessionsOpened, long sessionsClosed,
                        Map<String, Long> sessionsClosedBy, long subscriptions, long updatesReceived, long updatesConflated, long messagesPushed,
                        long containerApiSessions, long directFrames, long directFramesPartial, long quotesConflated,
                        long sendFailures, long overflowCloses, long errorsSent, long rateLimited, long floodCloses,
                        long oversizedCloses, long heartbeatCloses, long hearingLagMillis, long stuckCloses, long originRejected,
                        long addressFull, long serverFull, long drainingRefused, long unauthenticated, long badCredentials,
                        long loginThrottled, long forbiddenSymbols, long feedReceived, long feedAccepted, long feedRejected,
                        Map<String, Long> feedRejectedByReason, String feed, long feedStaleCount,
                        long snapshotQuotes, boolean draining) {
    }

    @Inject
    StatsCollector collector;

    @GET
    public Stats stats() {
        return collector.collect();
    }
}
