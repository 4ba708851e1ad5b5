package io.quotecast.push;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the push side, for /api/stats. Incremented from any thread. */
@ApplicationScoped
public class PushStats {

    private final LongAdder sessionsOpened = new LongAdder();
    private final LongAdder sessionsClosed = new LongAdder();
    private final LongAdder updatesReceived = new LongAdder();
    private final LongAdder updatesConflated = new LongAdder();
    private final LongAdder messagesPushed = new LongAdder();
    private final LongAdder containerApiSessions = new LongAdder();
    private final LongAdder quotesConflated = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder overflowCloses = new LongAdder();
    private final LongAdder errorsSent = new LongAdder();

    /**
     * This bean itself, not the container's client proxy that injection hands out: for the
     * counters that every delivery touches ({@link Outbox}). Through Weld's proxy each of these
     * package-private calls was a reflective invocation with an argument array (JFR, 10,000
     * clients). Application-scoped, so the instance outlives every session that holds it.
     */
    PushStats direct() {
        return this;
    }

    void sessionOpened() {
        sessionsOpened.increment();
    }

    void sessionClosed() {
        sessionsClosed.increment();
    }

    void updateReceived() {
        updatesReceived.increment();
    }

    void updateConflated() {
        updatesConflated.increment();
    }

    /** Updates replaced by a newer one of their symbol before the fan-out reached them (server behind its feed). */
    public long updatesConflated() {
        return updatesConflated.sum();
    }

    void containerApiSession() {
        containerApiSessions.increment();
    }

    void pushed() {
        messagesPushed.increment();
    }

    void conflated() {
        quotesConflated.increment();
    }

    void conflated(long count) {
        if (count > 0) {
            quotesConflated.add(count);
        }
    }

    void sendFailed() {
        sendFailures.increment();
    }

    void overflowed() {
        overflowCloses.increment();
    }

    void errorSent() {
        errorsSent.increment();
    }

    public long sessionsOpened() {
        return sessionsOpened.sum();
    }

    public long sessionsClosed() {
        return sessionsClosed.sum();
    }

    /** Quote updates the push side was handed by the feed. */
    public long updatesReceived() {
        return updatesReceived.sum();
    }

    /** Frames of any type written to clients. */
    public long messagesPushed() {
        return messagesPushed.sum();
    }

    /**
     * Sessions opened that write through the container's own API rather than Jakarta
     * WebSocket's (on WildFly, Undertow's: {@link UndertowTransport}); 0 on any other container.
     */
    public long containerApiSessions() {
        return containerApiSessions.sum();
    }

    /** Quotes replaced by a newer one of the same symbol before a slow client read them. */
    public long quotesConflated() {
        return quotesConflated.sum();
    }

    /** Writes that failed, each closing its session. */
    public long sendFailures() {
        return sendFailures.sum();
    }

    /** Sessions closed because replies piled up unread. */
    public long overflowCloses() {
        return overflowCloses.sum();
    }

    /** Error frames sent in answer to bad requests. */
    public long errorsSent() {
        return errorsSent.sum();
    }
}
