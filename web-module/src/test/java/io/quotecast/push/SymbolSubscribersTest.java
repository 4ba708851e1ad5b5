package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.quotecast.security.Entitlement;

import org.junit.jupiter.api.Test;

class SymbolSubscribersTest {

    private final Lane east = new Lane(Runnable::run);
    private final Lane west = new Lane(Runnable::run);
    private final SymbolSubscribers index = new SymbolSubscribers();

    private static Subscriber session(String id, Lane lane) {
        Outbox outbox = SilentOutboxes.onLane(lane, new PushStats());
        outbox.hold(List.of("AAPL"), 0);
        return new Subscriber(id, outbox, Entitlement.ALL);
    }

    private static Outbox.Slot slot(Subscriber subscriber) {
        return subscriber.outbox().slot("AAPL");
    }

    private void put(Subscriber subscriber) {
        index.put(subscriber, slot(subscriber));
    }

    /** Each lane's subscriber ids, lanes in order. */
    private List<List<String>> ids() {
        List<List<String>> ids = new ArrayList<>();
        for (SymbolSubscribers.LaneSlots lane : index.byLane()) {
            ids.add(Arrays.stream(lane.subscribers()).map(Subscriber::id).toList());
        }
        return ids;
    }

    @Test
    void eachSessionIsFiledUnderItsLaneInTheOrderTheySubscribed() {
        Subscriber a = session("a", east);
        Subscriber b = session("b", west);
        Subscriber c = session("c", east);
        put(a);
        put(b);
        put(c);

        assertEquals(List.of(List.of("a", "c"), List.of("b")), ids());
        SymbolSubscribers.LaneSlots first = index.byLane()[0];
        assertSame(east, first.lane());
        assertSame(slot(a), first.slots()[0]);
        assertSame(slot(c), first.slots()[1]);
        assertEquals(3, index.size());
    }

    @Test
    void aChangeIsInTheNextReadAndArraysReadBeforeNeverChange() {
        Subscriber a = session("a", east);
        Subscriber b = session("b", east);
        put(a);
        SymbolSubscribers.LaneSlots[] before = index.byLane();
        Subscriber[] beforeSubscribers = before[0].subscribers().clone();

        put(b);
        index.remove(a);

        assertEquals(List.of(List.of("b")), ids());
        assertEquals(1, before.length);
        assertArrayEquals(beforeSubscribers, before[0].subscribers(), "an array once read is never changed");
    }

    @Test
    void aSessionsLastChangeWins() {
        Subscriber a = session("a", east);
        Subscriber b = session("b", east);
        put(a);
        index.remove(a);
        put(a);
        put(b);
        index.remove(b);

        assertEquals(List.of(List.of("a")), ids());
        assertEquals(1, index.size());
    }

    @Test
    void aLaneWhoseLastSessionLeavesIsDroppedAndNobodyLeftIsEmpty() {
        Subscriber a = session("a", east);
        Subscriber b = session("b", west);
        put(a);
        put(b);
        index.remove(a);

        assertEquals(List.of(List.of("b")), ids());
        assertSame(west, index.byLane()[0].lane());

        index.remove(b);
        assertTrue(index.isEmpty());
        assertSame(SymbolSubscribers.NONE, index.byLane());
    }

    @Test
    void aBurstOfChangesThatNobodyReadsIsFoldedBeforeItPilesUp() {
        List<Subscriber> sessions = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Subscriber s = session("s" + i, i % 2 == 0 ? east : west);
            sessions.add(s);
            put(s);
            assertTrue(index.pendingChanges() <= Math.max(SymbolSubscribers.MIN_FOLD, i / 8 + 1),
                    () -> index.pendingChanges() + " changes kept aside at " + sessions.size() + " sessions");
        }
        for (int i = 0; i < sessions.size(); i += 2) {
            index.remove(sessions.get(i));
        }

        assertEquals(2_500, index.size());
        assertEquals(0, index.pendingChanges(), "a read folds every change");
        assertEquals(List.of("s1", "s3", "s5"), ids().get(0).subList(0, 3));
    }

    @Test
    void removingSessionsThatAreNotHerePublishesNothingNew() {
        Subscriber a = session("a", east);
        Subscriber stranger = session("stranger", east);
        put(a);
        SymbolSubscribers.LaneSlots[] before = index.byLane();

        index.remove(stranger);

        assertSame(before, index.byLane());
    }

    @Test
    void sessionsWrittenOnTheCallersThreadHaveALaneOfTheirOwn() {
        Subscriber a = session("a", null);
        Subscriber b = session("b", east);
        Subscriber c = session("c", null);
        put(a);
        put(b);
        index.byLane();
        put(c);
        index.remove(b);

        assertEquals(List.of(List.of("a", "c")), ids());
        assertEquals(null, index.byLane()[0].lane());
    }
}
