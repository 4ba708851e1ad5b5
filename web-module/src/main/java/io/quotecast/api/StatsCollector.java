package io.quotecast.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

/** Reads every counter into one {@link StatsResource.Stats}, for /api/stats and /api/metrics alike. */
@ApplicationScoped
public class StatsCollector {

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

    public StatsResource.Stats collect() {
        return new StatsResource.Stats(sessions.count(), streams.count(), polls.count(), push.sessionsOpened(),
                push.sessionsClosed(), push.sessionsClosedBy(), subscriptions.count(),
                push.updatesReceived(), push.updatesConflated(), push.messagesPushed(), push.containerApiSessions(),
                push.directFrames(), push.directFramesPartial(), push.quotesConflated(), push.sendFailures(),
                push.overflowCloses(), push.errorsSent(), guard.rateLimitedCount(), guard.floodClosesCount(), guard.oversizedClosesCount(),
                guard.heartbeatClosesCount(), guard.hearingLagMillis(), guard.stuckClosesCount(), guard.originRejectedCount(),
                guard.addressFullCount(), guard.serverFullCount(), guard.drainingRefusedCount(), security.unauthenticatedCount(),
                security.badCredentialsCount(), security.loginThrottledCount(), security.forbiddenSymbolsCount(), feed.receivedCount(), feed.acceptedCount(),
                feed.rejectedCount(), feed.rejectedByReason(), feedStatus.current().feed(), feedStatus.staleCount(),
                feed.snapshotCount(), drain.draining());
    }
}
