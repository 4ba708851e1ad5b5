package io.quotecast.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.quotecast.quote.Quote;
import io.quotecast.quote.QuoteUpdated;
import io.quotecast.security.Entitlement;

/**
 * Not a test: what the fan-out itself costs per delivery, without a network or a container
 * (docs/tuning.md). 1,000 sessions (or the number given), each subscribed to 10 of 100 symbols, a transport that
 * completes every send at once; prints nanoseconds per delivery for a few rounds, best last.
 * A second argument N re-subscribes one session after every N updates (index churn during load).
 * Run it from web-module after {@code mvn test-compile}:
 * {@code java -cp "target/classes:target/test-classes:$(cat target/cp.txt)" io.quotecast.push.FanOutMicrobenchmark}.
 */
public final class FanOutMicrobenchmark {

    private static final SendResult OK = new SendResult();

    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        // 0: no churn. N: after every N updates one session leaves its symbols and subscribes again,
        // as clients that come and go during load make the index change between updates.
        int churnEvery = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int symbols = 100;
        PushStats stats = new PushStats();
        Subscriptions subscriptions = new Subscriptions();
        List<Subscriber> subscribers = new ArrayList<>();
        List<List<String>> symbolsOf = new ArrayList<>();
        long[] written = {0};
        Outbox.Transport transport = new Outbox.Transport() {
            @Override
            public void send(String frame, SendHandler done) {
                written[0] += frame.length();
                done.onResult(OK);
            }

            @Override
            public void close(CloseReason reason) {
            }
        };
        for (int i = 0; i < sessions; i++) {
            Outbox outbox = new Outbox(transport, 64, stats);
            List<String> mine = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
                mine.add("S" + ((i + j * 10) % symbols));
            }
            outbox.hold(mine);
            outbox.release(mine, java.util.Map.of(), List.of("subscribed"));
            Subscriber subscriber = new Subscriber("s" + i, outbox, Entitlement.ALL);
            subscriptions.add(subscriber, mine);
            subscribers.add(subscriber);
            symbolsOf.add(mine);
        }
        QuoteFanOut fanOut = new QuoteFanOut(subscriptions, stats);
        // A server that has run for a while has collected often, so its sessions sit together in
        // the old generation. Without this, a fan-out that allocates little never collects here,
        // and its sessions stay strewn among the setup's garbage: each delivery then pays cache and
        // TLB misses that no server does, four times the cost measured (session 7).
        System.gc();
        long[] seq = new long[symbols];
        List<QuoteUpdated> updates = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            int count = 2_000_000 / sessions * 10;
            updates.clear();
            for (int n = 0; n < count; n++) {
                int s = n % symbols;
                updates.add(new QuoteUpdated(new Quote("S" + s, new BigDecimal("101.25"), new BigDecimal("1.25"),
                        new BigDecimal("1.25"), 1000, ++seq[s], Instant.now())));
            }
            long before = stats.messagesPushed();
            long start = System.nanoTime();
            int churned = 0;
            for (int n = 0; n < updates.size(); n++) {
                fanOut.onUpdate(updates.get(n));
                if (churnEvery > 0 && n % churnEvery == churnEvery - 1) {
                    int who = churned++ * 7919 % sessions;
                    subscriptions.remove(subscribers.get(who), symbolsOf.get(who));
                    subscriptions.add(subscribers.get(who), symbolsOf.get(who));
                }
            }
            long nanos = System.nanoTime() - start;
            long deliveries = stats.messagesPushed() - before;
            System.out.printf("round %d: %d deliveries, %.0f ns per delivery (%.0f deliveries/s on one core)%n",
                    round, deliveries, (double) nanos / deliveries, deliveries * 1e9 / nanos);
        }
        System.out.println(written[0] > 0 ? "ok" : "nothing written");
    }
}
