package io.quotecast.guard;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.LongAdder;

/** Every refusal and forced close made to protect the server, for /api/stats. Any thread. */
@ApplicationScoped
public class GuardStats {

    private final LongAdder originRejected = new LongAdder();
    private final LongAdder addressFull = new LongAdder();
    private final LongAdder serverFull = new LongAdder();
    private final LongAdder drainingRefused = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder floodCloses = new LongAdder();
    private final LongAdder heartbeatCloses = new LongAdder();
    private final LongAdder stuckCloses = new LongAdder();
    private final LongAdder oversizedCloses = new LongAdder();
    private volatile long hearingLagNanos;

    public void originRejected() {
        originRejected.increment();
    }

    public void addressFull() {
        addressFull.increment();
    }

    public void serverFull() {
        serverFull.increment();
    }

    public void drainingRefused() {
        drainingRefused.increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    public void floodClosed() {
        floodCloses.increment();
    }

    public void heartbeatClosed() {
        heartbeatCloses.increment();
    }

    public void stuckClosed() {
        stuckCloses.increment();
    }

    /** The heartbeat sweep's latest reading of how late pongs are heard (see push.HearingLag). */
    public void hearingLag(long nanos) {
        hearingLagNanos = nanos;
    }

    /** How late, at the last heartbeat, the server was hearing its peers' pongs: 0 when on time. */
    public long hearingLagMillis() {
        return hearingLagNanos / 1_000_000;
    }

    public void oversizedClosed() {
        oversizedCloses.increment();
    }

    /** Sessions closed with 1009 for a message over the size limit. */
    public long oversizedClosesCount() {
        return oversizedCloses.sum();
    }

    /** Handshakes refused because of their Origin (403). */
    public long originRejectedCount() {
        return originRejected.sum();
    }

    /** Handshakes refused because their address had too many sessions (429). */
    public long addressFullCount() {
        return addressFull.sum();
    }

    /** Handshakes refused because the server had too many sessions (503). */
    public long serverFullCount() {
        return serverFull.sum();
    }

    /** New sessions, SSE streams and polls refused because the node drains. */
    public long drainingRefusedCount() {
        return drainingRefused.sum();
    }

    /** Client messages answered with RATE_LIMITED. */
    public long rateLimitedCount() {
        return rateLimited.sum();
    }

    /** Sessions closed with 1008 for flooding. */
    public long floodClosesCount() {
        return floodCloses.sum();
    }

    /** Sessions closed because their peer stopped answering pings. */
    public long heartbeatClosesCount() {
        return heartbeatCloses.sum();
    }

    /** Sessions closed with 1008 because a write stayed pending too long (client not reading). */
    public long stuckClosesCount() {
        return stuckCloses.sum();
    }
}
