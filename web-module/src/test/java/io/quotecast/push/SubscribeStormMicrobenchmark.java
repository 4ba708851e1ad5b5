package io.quotecast.push;

import java.util.ArrayList;
import java.util.List;

import io.quotecast.security.Entitlement;

/**
 * Not a test: what a burst of subscriptions costs the subscription index, as when a node takes
 * over the clients of a failed one and they all subscribe to the same popular symbols at once
 * (docs/tuning.md, "Per-symbol subscriber sets"). N sessions (20,000, or the first argument) on
 * two lanes each subscribe to the same 10 symbols (or the second argument), then each
 * unsubscribes; prints milliseconds per phase for a few rounds. Run it from web-module after
 * {@code mvn test-compile}:
 * {@code java -cp "target/classes:target/test-classes:$(cat target/cp.txt)" io.quotecast.push.SubscribeStormMicrobenchmark}
 * (target/cp.txt: {@code mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt}).
 */
public final class SubscribeStormMicrobenchmark {

    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int symbolCount = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < symbolCount; i++) {
            symbols.add("S" + i);
        }
        Lane[] lanes = {new Lane(Runnable::run), new Lane(Runnable::run)};
        PushStats stats = new PushStats();
        for (int round = 1; round <= 5; round++) {
            Subscriptions subscriptions = new Subscriptions();
            List<Subscriber> subscribers = new ArrayList<>(sessions);
            for (int i = 0; i < sessions; i++) {
                Outbox outbox = SilentOutboxes.onLane(lanes[i % lanes.length], stats);
                outbox.hold(symbols, 0);
                subscribers.add(new Subscriber("s" + i, outbox, Entitlement.ALL));
            }
            System.gc();
            long start = System.nanoTime();
            for (Subscriber subscriber : subscribers) {
                subscriptions.add(subscriber, symbols);
            }
            long subscribed = System.nanoTime();
            long count = subscriptions.count();
            for (Subscriber subscriber : subscribers) {
                subscriptions.remove(subscriber, symbols);
            }
            long unsubscribed = System.nanoTime();
            System.out.printf("round %d: %d sessions x %d symbols: subscribe all %.1f ms, unsubscribe all %.1f ms"
                            + " (%d subscriptions, %d left)%n", round, sessions, symbolCount,
                    (subscribed - start) / 1e6, (unsubscribed - subscribed) / 1e6, count, subscriptions.count());
        }
    }
}
