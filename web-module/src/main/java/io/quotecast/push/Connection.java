package io.quotecast.push;

import jakarta.websocket.Session;

import io.quotecast.guard.InboundLimiter;

/**
 * What the server keeps about one WebSocket session: its {@link Subscriber}, its inbound
 * budget, the text message it is receiving, the address it was admitted under (null when no
 * handshake filter ran, as in the embedded tests), and when the peer last showed signs of life
 * and how many pings it has left unanswered since. {@code lastHeard} and {@code unansweredPings}
 * are written by the session's message thread and by the heartbeat sweep, hence volatile (a lost
 * race only resets or counts one ping late); the text parts are the message thread's alone.
 */
final class Connection {

    private final Session session;
    private final Subscriber subscriber;
    private final InboundLimiter limiter;
    private final TextParts textParts;
    private final String peerAddress;
    /** Which of the heartbeat's slices this connection is swept in ({@link Sessions#sweep(long, int, int)}). */
    private final long sweepSlot;
    private volatile long lastHeard;
    private volatile int unansweredPings;
    /** Set, under this object's lock, once welcome is queued: status frames may follow it. */
    private boolean welcomed;

    Connection(Session session, Subscriber subscriber, InboundLimiter limiter, TextParts textParts, String peerAddress,
               long nowNanos, long sweepSlot) {
        this.session = session;
        this.sweepSlot = sweepSlot;
        this.subscriber = subscriber;
        this.limiter = limiter;
        this.textParts = textParts;
        this.peerAddress = peerAddress;
        this.lastHeard = nowNanos;
    }

    Session session() {
        return session;
    }

    Subscriber subscriber() {
        return subscriber;
    }

    InboundLimiter limiter() {
        return limiter;
    }

    TextParts textParts() {
        return textParts;
    }

    String peerAddress() {
        return peerAddress;
    }

    /** Whether this connection is swept in {@code slice} of {@code slices}. */
    boolean inSlice(int slice, int slices) {
        return Math.floorMod(sweepSlot, slices) == slice;
    }

    long lastHeard() {
        return lastHeard;
    }

    void heard(long nowNanos) {
        lastHeard = nowNanos;
        unansweredPings = 0;
    }

    int unansweredPings() {
        return unansweredPings;
    }

    void pinged() {
        unansweredPings++;
    }

    /** Call holding this object's lock. */
    boolean welcomed() {
        return welcomed;
    }

    /** Call holding this object's lock. */
    void markWelcomed() {
        welcomed = true;
    }
}
