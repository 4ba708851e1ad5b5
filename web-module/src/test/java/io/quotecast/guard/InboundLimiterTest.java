package io.quotecast.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quotecast.guard.InboundLimiter.Verdict;

class InboundLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void bucketAllowsItsBurstThenTheSustainedRate() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertFalse(bucket.tryTake(0));
        assertTrue(bucket.tryTake(SECOND / 2), "one token back after half a second at 2/s");
        assertFalse(bucket.tryTake(SECOND / 2));
    }

    @Test
    void bucketNeverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(2, 100, 0);
        long later = 3600 * SECOND;
        assertTrue(bucket.tryTake(later));
        assertTrue(bucket.tryTake(later));
        assertFalse(bucket.tryTake(later));
    }

    @Test
    void excessIsRefusedThenAPersistentFloodIsDisconnected() {
        InboundLimiter limiter = new InboundLimiter(new TokenBucket(1, 1, 0), 3);
        assertEquals(Verdict.ACCEPT, limiter.admit(0));
        assertEquals(Verdict.REFUSE, limiter.admit(0));
        assertEquals(Verdict.REFUSE, limiter.admit(0));
        assertEquals(Verdict.DISCONNECT, limiter.admit(0));
    }

    @Test
    void slowingDownResetsTheFloodCount() {
        InboundLimiter limiter = new InboundLimiter(new TokenBucket(1, 1, 0), 3);
        limiter.admit(0);
        limiter.admit(0);
        limiter.admit(0);
        assertEquals(Verdict.ACCEPT, limiter.admit(SECOND));
        assertEquals(Verdict.REFUSE, limiter.admit(SECOND));
        assertEquals(Verdict.REFUSE, limiter.admit(SECOND));
    }
}
