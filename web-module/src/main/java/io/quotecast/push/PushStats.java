package io.quotecast.push;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the push side, for /api/stats. Incremented from any thread. */
@ApplicationScoped
public class PushStats {

    private final LongAdder sessionsOpened;
    private final LongAdder sessionsClosed;
    /** How sessions ended: a close code, or "error" and the failure's kind when none came. */
    private final ConcurrentMap<String, LongAdder> sessionsClosedBy;
    private final LongAdder updatesReceived;
    private final LongAdder updatesConflated;
    private final LongAdder messagesPushed;
    private final LongAdder containerApiSessions;
    private final LongAdder directFrames;
    private final LongAdder directFramesPartial;
    private final LongAdder quotesConflated;
    private final LongAdder sendFailures;
    private final LongAdder overflowCloses;
    private final LongAdder errorsSent;
    private final PushStats direct;

    public PushStats() {
        sessionsOpened = new LongAdder();
        sessionsClosed = new LongAdder();
        sessionsClosedBy = new ConcurrentHashMap<>();
        updatesReceived = new LongAdder();
        updatesConflated = new LongAdder();
        messagesPushed = new LongAdder();
        containerApiSessions = new LongAdder();
        directFrames = new LongAdder();
        directFramesPartial = new LongAdder();
        quotesConflated = new LongAdder();
        sendFailures = new LongAdder();
        overflowCloses = new LongAdder();
        errorsSent = new LongAdder();
        direct = new PushStats(this);
    }

    /** The same counters as {@code shared}, in a plain object that no container proxies. */
    private PushStats(PushStats shared) {
        sessionsOpened = shared.sessionsOpened;
        sessionsClosed = shared.sessionsClosed;
        sessionsClosedBy = shared.sessionsClosedBy;
        updatesReceived = shared.updatesReceived;
        updatesConflated = shared.updatesConflated;
        messagesPushed = shared.messagesPushed;
        containerApiSessions = shared.containerApiSessions;
        directFrames = shared.directFrames;
        directFramesPartial = shared.directFramesPartial;
        quotesConflated = shared.quotesConflated;
        sendFailures = shared.sendFailures;
        overflowCloses = shared.overflowCloses;
        errorsSent = shared.errorsSent;
        direct = this;
    }

    /**
     * These counters without the container's client proxy that injection hands out, for the
     * ones that every delivery touches ({@link Outbox}): through Weld's proxy each count is a
     * reflective call with an argument array (JFR, 10,000 clients). It is a second object over
     * the same counters, not this bean itself, because Weld's proxy hands back itself when a
     * method returns the bean's own instance, so {@code return this} gave every outbox the proxy
     * again (found in session 7's profile, a session after this method came in). Both live as
     * long as the application.
     */
    PushStats direct() {
        return direct;
    }

    void sessionOpened() {
        sessionsOpened.increment();
    }

    /**
     * A session ended {@code how}: its close code ("1000", "1006", ...) or "error" and what failed.
     * The keys stay bounded: close codes are 1000 to 4999, whichever side sent them, and failures
     * are named by their class.
     */
    void sessionClosed(String how) {
        sessionsClosed.increment();
        sessionsClosedBy.computeIfAbsent(how, key -> new LongAdder()).increment();
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

    void directFrame() {
        directFrames.increment();
    }

    void directFramePartial() {
        directFramesPartial.increment();
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

    /** {@link #sessionsClosed()} by how each ended, in the order of the keys. */
    public Map<String, Long> sessionsClosedBy() {
        Map<String, Long> counts = new TreeMap<>();
        sessionsClosedBy.forEach((how, count) -> counts.put(how, count.sum()));
        return counts;
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

    /**
     * Frames written straight to the connection as bytes built once per update
     * ({@link DirectFrameConduit}, WildFly), not through the container's framing; 0 on any other
     * container. Part of {@link #messagesPushed()}.
     */
    public long directFrames() {
        return directFrames.sum();
    }

    /**
     * Direct frames of which the socket took only a part, the rest written when it drained: each
     * costs a wake-up of the I/O thread more. Many means clients' sockets are full (a client not
     * keeping up, or a server writing in bursts after falling behind).
     */
    public long directFramesPartial() {
        return directFramesPartial.sum();
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
