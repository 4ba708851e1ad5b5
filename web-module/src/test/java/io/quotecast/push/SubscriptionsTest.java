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

    /** As a subscription does it: the outbox holds the symbols first, then the index has them. */
    private void add(Subscriber subscriber, List<String> symbols) {
        subscriber.outbox().hold(symbols);
        subscriptions.add(subscriber, symbols);
    }
    private final Subscriber alice = subscriber("alice");
    private final Subscriber bob = subscriber("bob");

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
        assertEquals(1, subscriptions.slotsOf("AAPL").size());
    }

    @Test
    void ofIsALiveViewThatMayBeIteratedWhileItChanges() {
        add(alice, List.of("AAPL"));
        Set<Subscriber> view = subscriptions.of("AAPL");

        Set<String> seen = new HashSet<>();
        for (Subscriber s : view) {
            seen.add(s.id());
            add(bob, List.of("AAPL"));
            subscriptions.remove(alice, List.of("AAPL"));
        }

        assertTrue(seen.contains("alice"));
        assertEquals(Set.of(bob), view);
    }
}
