package io.quotecast.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quotecast.fallback.PollWaiters;
import io.quotecast.fallback.SseStreams;
import io.quotecast.feed.FeedStatusChanged;
import io.quotecast.protocol.StatusEncoder;
import io.quotecast.protocol.StatusMessage;
import io.quotecast.push.Sessions;

/**
 * Tells every client when the feed goes stale or live again (docs/protocol.md, "status"): one
 * frame, encoded once, queued as a reply on every WebSocket session and SSE stream; every held
 * long poll is answered at once, its answer carrying the new {@code feed}. Runs on the thread
 * that noticed the change (the watchdog's timer, or the feed's for live), and never blocks it:
 * queuing is all it does.
 */
@ApplicationScoped
public class FeedStatusBroadcast {

    private final StatusEncoder encoder = new StatusEncoder();

    @Inject
    Sessions sessions;

    @Inject
    SseStreams streams;

    @Inject
    PollWaiters polls;

    void onChange(@Observes FeedStatusChanged change) {
        String frame = encoder.text(StatusMessage.of(change));
        sessions.broadcast(frame);
        streams.broadcast(frame);
        polls.answerAll();
    }

    /** The frame announcing {@code status}. */
    public static String frame(FeedStatusChanged status) {
        return new StatusEncoder().text(StatusMessage.of(status));
    }
}
