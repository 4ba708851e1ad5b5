package io.quotecast.fallback;

import org.junit.jupiter.api.Test;

import io.quotecast.guard.ConnectionSlots;
import io.quotecast.guard.GuardStats;
import io.quotecast.protocol.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FallbackSlotsTest {

    private final ConnectionSlots shared = new ConnectionSlots(3, 2);
    private final GuardStats stats = new GuardStats();
    private final FallbackSlots slots = new FallbackSlots(shared, stats);

    @Test
    void streamsAndPollsShareTheWebSocketCapsAndAreRefusedLikeAHandshake() {
        shared.acquire("10.0.0.1"); // a WebSocket session
        Runnable stream = slots.acquire("10.0.0.1");

        RefusedRequest perAddress = assertThrows(RefusedRequest.class, () -> slots.acquire("10.0.0.1"));
        assertEquals(429, perAddress.status().getStatusCode());
        assertEquals(ErrorCode.TOO_MANY_SESSIONS, perAddress.error().code());
        assertEquals(1, stats.addressFullCount());

        slots.acquire("10.0.0.2");
        RefusedRequest server = assertThrows(RefusedRequest.class, () -> slots.acquire("10.0.0.3"));
        assertEquals(503, server.status().getStatusCode());
        assertEquals(1, stats.serverFullCount());

        stream.run();
        stream.run();
        assertEquals(1, shared.of("10.0.0.1"), "a slot is given back once, however often the end is reported");
        assertEquals(2, shared.total());
    }
}
