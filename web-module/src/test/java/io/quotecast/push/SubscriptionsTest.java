package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.quotecast.security.Entitlement;

import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private static Subscriber subscriber(String id) {
        return new Subscriber(id, new Outbox(new Outbox.Transport() {
            @Override
            public void send(String frame, SendHandler done) {
            }

            @Override
            public void close(CloseReason reason) {
            }
        }, 8, new PushStats()), Entitlement.ALL);
    }

    private final Subscriptions subscriptions = new Subscriptions();
    private final Subscriber alice = subscriber("alice");
    private final Subscriber bob = subscriber("bob");

    @Test
    void nobodyIsSubscribedToAnythingAtFirst() {
        assertEquals(Set.of(), subscriptions.of("AAPL"));
        assertEquals(0, subscriptions.count());
    }

    @Test
    void addIndexesTheSubscriberUnderEachSymbol() {
        subscriptions.add(alice, List.of("AAPL", "MSFT"));
        subscriptions.add(bob, List.of("AAPL"));

        assertEquals(Set.of(alice, bob), subscriptions.of("AAPL"));
        assertEquals(Set.of(alice), subscriptions.of("MSFT"));
        assertEquals(Set.of(), subscriptions.of("GOOG"));
    }

    @Test
    void countIsSessionSymbolPairs() {
        subscriptions.add(alice, List.of("AAPL", "MSFT", "GOOG"));
        subscriptions.add(bob, List.of("AAPL"));

        assertEquals(4, subscriptions.count());
    }

    @Test
    void addingTheSameSubscriptionTwiceCountsOnce() {
        subscriptions.add(alice, List.of("AAPL", "AAPL"));
        subscriptions.add(alice, List.of("AAPL"));

        assertEquals(1, subscriptions.count());
    }

    @Test
    void removeTakesOnlyThatSubscriberOffOnlyThoseSymbols() {
        subscriptions.add(alice, List.of("AAPL", "MSFT"));
        subscriptions.add(bob, List.of("AAPL"));

        subscriptions.remove(alice, List.of("AAPL"));

        assertEquals(Set.of(bob), subscriptions.of("AAPL"));
        assertEquals(Set.of(alice), subscriptions.of("MSFT"));
        assertEquals(2, subscriptions.count());
    }

    @Test
    void removingWhatWasNeverAddedIsHarmless() {
        subscriptions.add(alice, List.of("AAPL"));

        subscriptions.remove(bob, List.of("AAPL", "NOPE"));

        assertEquals(Set.of(alice), subscriptions.of("AAPL"));
        assertEquals(1, subscriptions.count());
    }

    @Test
    void ofIsALiveViewThatMayBeIteratedWhileItChanges() {
        subscriptions.add(alice, List.of("AAPL"));
        Set<Subscriber> view = subscriptions.of("AAPL");

        Set<String> seen = new HashSet<>();
        for (Subscriber s : view) {
            seen.add(s.id());
            subscriptions.add(bob, List.of("AAPL"));
            subscriptions.remove(alice, List.of("AAPL"));
        }

        assertTrue(seen.contains("alice"));
        assertEquals(Set.of(bob), view);
    }
}
