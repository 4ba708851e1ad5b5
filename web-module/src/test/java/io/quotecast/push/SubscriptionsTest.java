package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quotecast.security.Entitlement;

import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private static Subscriber subscriber(String id) {
        return subscriber(id, null);
    }

    /** A session whose writes belong on {@code lane} (null: on the caller's thread). */
    private static Subscriber subscriber(String id, Lane lane) {
        return new Subscriber(id, SilentOutboxes.onLane(lane, new PushStats()), Entitlement.ALL);
    }

    /** For each lane of {@code symbol}'s index, in order, the ids of its subscribers in order. */
    private Map<Lane, List<String>> idsByLane(String symbol) {
        Map<Lane, List<String>> ids = new LinkedHashMap<>();
        for (SymbolSubscribers.LaneSlots lane : subscriptions.slotsByLane(symbol)) {
            List<String> names = new ArrayList<>();
            for (Outbox.Slot slot : lane.slots()) {
                names.add(owner(slot));
            }
            ids.put(lane.lane(), names);
        }
        return ids;
    }

    private Outbox.Slot slotOn(Lane lane, String symbol) {
        for (SymbolSubscribers.LaneSlots group : subscriptions.slotsByLane(symbol)) {
            if (group.lane() == lane) {
                return group.slots()[0];
            }
        }
        return null;
    }

    private String owner(Outbox.Slot slot) {
        for (Subscriber s : List.of(alice, bob, carol)) {
            if (s.outbox() == slot.outbox) {
                return s.id();
            }
        }
        return "unknown";
    }

    private final Subscriptions subscriptions = new Subscriptions();

    /** As a subscription does it: the outbox holds the symbols first, then the index has them. */
    private void add(Subscriber subscriber, List<String> symbols) {
        subscriber.outbox().hold(symbols);
        subscriptions.add(subscriber, symbols);
    }
    private final Lane east = new Lane(Runnable::run);
    private final Lane west = new Lane(Runnable::run);
    private final Subscriber alice = subscriber("alice");
    private final Subscriber bob = subscriber("bob");
    private final Subscriber carol = subscriber("carol", east);

    @Test
    void nobodyIsSubscribedToAnythingAtFirst() {
        assertEquals(Set.of(), subscriptions.of("AAPL"));
        assertEquals(0, subscriptions.count());
    }

    @Test
    void addIndexesTheSubscriberUnderEachSymbol() {
        add(alice, List.of("AAPL", "MSFT"));
        add(bob, List.of("AAPL"));

        assertEquals(Set.of(alice, bob), subscriptions.of("AAPL"));
        assertEquals(Set.of(alice), subscriptions.of("MSFT"));
        assertEquals(Set.of(), subscriptions.of("GOOG"));
    }

    @Test
    void countIsSessionSymbolPairs() {
        add(alice, List.of("AAPL", "MSFT", "GOOG"));
        add(bob, List.of("AAPL"));

        assertEquals(4, subscriptions.count());
    }

    @Test
    void addingTheSameSubscriptionTwiceCountsOnce() {
        add(alice, List.of("AAPL", "AAPL"));
        add(alice, List.of("AAPL"));

        assertEquals(1, subscriptions.count());
    }

    @Test
    void removeTakesOnlyThatSubscriberOffOnlyThoseSymbols() {
        add(alice, List.of("AAPL", "MSFT"));
        add(bob, List.of("AAPL"));

        subscriptions.remove(alice, List.of("AAPL"));

        assertEquals(Set.of(bob), subscriptions.of("AAPL"));
        assertEquals(Set.of(alice), subscriptions.of("MSFT"));
        assertEquals(2, subscriptions.count());
    }

    @Test
    void removingWhatWasNeverAddedIsHarmless() {
        add(alice, List.of("AAPL"));

        subscriptions.remove(bob, List.of("AAPL", "NOPE"));

        assertEquals(Set.of(alice), subscriptions.of("AAPL"));
        assertEquals(1, subscriptions.count());
    }

    @Test
    void aSymbolTheOutboxDoesNotHoldIsLeftOutOfTheIndex() {
        alice.outbox().hold(List.of("AAPL"));
        subscriptions.add(alice, List.of("AAPL", "MSFT"));

        assertEquals(Set.of(alice), subscriptions.of("AAPL"));
        assertEquals(Set.of(), subscriptions.of("MSFT"), "unsubscribed before it reached the index");
        assertEquals(1, subscriptions.slotsByLane("AAPL")[0].slots().length);
    }

    @Test
    void ofIsACopyThatLaterChangesDoNotReach() {
        add(alice, List.of("AAPL"));
        Set<Subscriber> before = subscriptions.of("AAPL");

        add(bob, List.of("AAPL"));
        subscriptions.remove(alice, List.of("AAPL"));

        assertEquals(Set.of(alice), before);
        assertEquals(Set.of(bob), subscriptions.of("AAPL"));
    }

    @Test
    void theFanOutsIndexGroupsEachSymbolsSlotsByLaneInSubscriptionOrder() {
        Subscriber dave = subscriber("dave", west);
        Subscriber erin = subscriber("erin", east);
        add(carol, List.of("AAPL"));
        add(alice, List.of("AAPL"));
        add(dave, List.of("AAPL", "MSFT"));
        add(erin, List.of("AAPL"));

        SymbolSubscribers.LaneSlots[] aapl = subscriptions.slotsByLane("AAPL");
        assertEquals(3, aapl.length, "east, no lane, west");
        assertSame(east, aapl[0].lane());
        assertEquals(List.of(carol.outbox(), erin.outbox()), List.of(aapl[0].slots()[0].outbox, aapl[0].slots()[1].outbox));
        assertNull(aapl[1].lane());
        assertSame(alice.outbox().slot("AAPL"), aapl[1].slots()[0]);
        assertSame(west, aapl[2].lane());
        assertSame(dave.outbox().slot("AAPL"), aapl[2].slots()[0]);
        assertEquals(1, subscriptions.slotsByLane("MSFT").length);
        assertEquals(0, subscriptions.slotsByLane("GOOG").length);
    }

    @Test
    void aRenewedSubscriptionReplacesTheSessionsSlotAndAnUnsubscribeDropsItAndAnEmptyLane() {
        add(carol, List.of("AAPL"));
        add(alice, List.of("AAPL"));
        Outbox.Slot before = carol.outbox().slot("AAPL");

        carol.outbox().stop(List.of("AAPL"), "unsubscribed");
        add(carol, List.of("AAPL"));

        assertEquals(List.of("alice"), idsByLane("AAPL").get(null));
        assertEquals(List.of("carol"), idsByLane("AAPL").get(east), "once");
        Outbox.Slot filed = slotOn(east, "AAPL");
        assertNotSame(before, filed);
        assertSame(carol.outbox().slot("AAPL"), filed, "the renewed slot");

        subscriptions.remove(carol, List.of("AAPL"));

        SymbolSubscribers.LaneSlots[] left = subscriptions.slotsByLane("AAPL");
        assertEquals(1, left.length, "east has nobody left, so it is gone");
        assertNull(left[0].lane());
        assertEquals(1, subscriptions.count());
    }

    @Test
    void whatTheFanOutReadIsNotChangedBySubscriptionsAfterwards() {
        add(carol, List.of("AAPL"));
        SymbolSubscribers.LaneSlots[] read = subscriptions.slotsByLane("AAPL");
        Outbox.Slot[] slots = read[0].slots();

        add(subscriber("erin", east), List.of("AAPL"));
        subscriptions.remove(carol, List.of("AAPL"));

        assertEquals(1, read.length);
        assertEquals(1, slots.length);
        assertSame(carol.outbox().slot("AAPL"), slots[0], "a lane task writes to whom the update was fanned out to");
        assertEquals(1, subscriptions.slotsByLane("AAPL")[0].slots().length);
        assertEquals("unknown", owner(subscriptions.slotsByLane("AAPL")[0].slots()[0]), "erin's, not carol's");
    }

    @Test
    void aSessionMovingBetweenPacedAndEveryUpdateLeavesTheFanOutsIndex() {
        add(carol, List.of("AAPL"));
        subscriptions.add(carol, List.of("AAPL"), true);

        assertEquals(0, subscriptions.slotsByLane("AAPL").length);
        assertTrue(subscriptions.isPaced("AAPL"));
        assertEquals(1, subscriptions.count());
    }
}
