package io.quotecast.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

import io.quotecast.fallback.PollWaiters;
import io.quotecast.fallback.SseStreams;
import io.quotecast.feed.FeedStats;
import io.quotecast.feed.FeedStatus;
import io.quotecast.guard.GuardStats;
import io.quotecast.push.PushStats;
import io.quotecast.push.Sessions;
import io.quotecast.push.Subscriptions;
import io.quotecast.security.SecurityStats;
import io.quotecast.status.Drain;

/** Counters since start: what came in, what went out, and everything dropped or refused. */
@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class StatsResource {

    @JsonbPropertyOrder({"openSessions", "openStreams", "heldPolls", "sessionsOpened", "sessionsClosed", "sessionsClosedBy", "subscriptions", "updatesReceived", "updatesConflated",
            "messagesPushed", "containerApiSessions", "directFrames", "directFramesPartial", "quotesConflated", "sendFailures", "overflowCloses", "errorsSent",
            "rateLimited", "floodCloses", "oversizedCloses", "heartbeatCloses", "hearingLagMillis", "stuckCloses", "originRejected", "addressFull",
            "serverFull", "unauthenticated", "badCredentials", "forbiddenSymbols", "feedReceived", "feedAccepted",
            "feedRejected", "feedRejectedByReason", "feed", "feedStaleCount", "snapshotQuotes", "draining"})
    public record Stats(int openSessions, int openStreams, int heldPolls, long sessionsOpened, long sessionsClosed,
                        Map<String, Long> sessionsClosedBy, long subscriptions, long updatesReceived, long updatesConflated, long messagesPushed,
                        long containerApiSessions, long directFrames, long directFramesPartial, long quotesConflated,
                        long sendFailures, long overflowCloses, long errorsSent, long rateLimited, long floodCloses,
                        long oversizedCloses, long heartbeatCloses, long hearingLagMillis, long stuckCloses, long originRejected,
                        long addressFull, long serverFull, long unauthenticated, long badCredentials,
                        long forbiddenSymbols, long feedReceived, long feedAccepted, long feedRejected,
                        Map<String, Long> feedRejectedByReason, String feed, long feedStaleCount,
                        long snapshotQuotes, boolean draining) {
    }

    @Inject
    FeedStats feed;

    @Inject
    PushStats push;

    @Inject
    GuardStats guard;

    @Inject
    SecurityStats security;

    @Inject
    Sessions sessions;

    @Inject
    SseStreams streams;

    @Inject
    PollWaiters polls;

    @Inject
    Subscriptions subscriptions;

    @Inject
    FeedStatus feedStatus;

    @Inject
    Drain drain;

    @GET
    public Stats stats() {
        return new Stats(sessions.count(), streams.count(), polls.count(), push.sessionsOpened(), push.sessionsClosed(), push.sessionsClosedBy(),
                subscriptions.count(),
                push.updatesReceived(), push.updatesConflated(), push.messagesPushed(), push.containerApiSessions(),
                push.directFrames(), push.directFramesPartial(), push.quotesConflated(), push.sendFailures(),
                push.overflowCloses(), push.errorsSent(), guard.rateLimitedCount(), guard.floodClosesCount(), guard.oversizedClosesCount(),
                guard.heartbeatClosesCount(), guard.hearingLagMillis(), guard.stuckClosesCount(), guard.originRejectedCount(),
                guard.addressFullCount(), guard.serverFullCount(), security.unauthenticatedCount(),
                security.badCredentialsCount(), security.forbiddenSymbolsCount(), feed.receivedCount(), feed.acceptedCount(),
                feed.rejectedCount(), feed.rejectedByReason(), feedStatus.current().feed(), feedStatus.staleCount(),
                feed.snapshotCount(), drain.draining());
    }
}
