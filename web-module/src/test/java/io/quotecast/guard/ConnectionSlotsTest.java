package io.quotecast.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quotecast.guard.ConnectionSlots.Admission;

class ConnectionSlotsTest {

    @Test
    void anAddressAtItsLimitIsRefusedWhileOthersAreAdmitted() {
        ConnectionSlots slots = new ConnectionSlots(10, 2);
        assertEquals(Admission.ADMITTED, slots.acquire("10.0.0.1"));
        assertEquals(Admission.ADMITTED, slots.acquire("10.0.0.1"));
        assertEquals(Admission.ADDRESS_FULL, slots.acquire("10.0.0.1"));
        assertEquals(Admission.ADMITTED, slots.acquire("10.0.0.2"));
        assertEquals(3, slots.total());
    }

    @Test
    void theServerLimitAppliesAcrossAddresses() {
        ConnectionSlots slots = new ConnectionSlots(2, 5);
        slots.acquire("a");
        slots.acquire("b");
        assertEquals(Admission.SERVER_FULL, slots.acquire("c"));
        assertEquals(2, slots.total());
        assertEquals(0, slots.of("c"));
    }

    @Test
    void releasingFreesTheSlotAndForgetsEmptyAddresses() {
        ConnectionSlots slots = new ConnectionSlots(1, 1);
        slots.acquire("a");
        slots.release("a");
        assertEquals(0, slots.total());
        assertEquals(0, slots.of("a"));
        assertEquals(Admission.ADMITTED, slots.acquire("b"));
    }

    @Test
    void onceClosedToNewSessionsEveryoneIsRefusedAndOpenSessionsKeepTheirSlotsTillTheyClose() {
        ConnectionSlots slots = new ConnectionSlots(10, 5);
        slots.acquire("a");
        slots.closeToNewSessions();

        assertEquals(Admission.DRAINING, slots.acquire("a"));
        assertEquals(Admission.DRAINING, slots.acquire("b"));
        assertEquals(1, slots.total(), "refusals take no slot");
        slots.release("a");
        assertEquals(0, slots.total());
        assertEquals(Admission.DRAINING, slots.acquire("a"), "one-way");
    }
}
