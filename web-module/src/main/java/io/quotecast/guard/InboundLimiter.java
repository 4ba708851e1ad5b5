package io.quotecast.guard;

/**
 * One session's inbound budget: a {@link TokenBucket}, and a count of refusals in a row so that a
 * client that keeps flooding after being told is disconnected rather than answered forever.
 */
public final class InboundLimiter {

    /** What to do with one inbound message. */
    public enum Verdict { ACCEPT, REFUSE, DISCONNECT }

    private final TokenBucket bucket;
    private final int floodLimit;
    private int refusedInARow;

    public InboundLimiter(GuardSettings settings, long nowNanos) {
        this(new TokenBucket(settings.messageBurst(), settings.messagesPerSecond(), nowNanos), settings.floodLimit());
    }

    InboundLimiter(TokenBucket bucket, int floodLimit) {
        this.bucket = bucket;
        this.floodLimit = floodLimit;
    }

    public synchronized Verdict admit(long nowNanos) {
        if (bucket.tryTake(nowNanos)) {
            refusedInARow = 0;
            return Verdict.ACCEPT;
        }
        return ++refusedInARow >= floodLimit ? Verdict.DISCONNECT : Verdict.REFUSE;
    }
}
