package io.quotecast.publisher;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Consumer;

import io.quotecast.feed.PriceMessageFormat;
import io.quotecast.quote.PriceTick;

/**
 * Sends a {@link Plan} open-loop: each price waits for its slot ({@code start + dueNanos}) and is
 * then sent at once, however late; a slow broker never moves the slots, it makes sends late, and
 * each late send is counted. Every price carries a feed {@code seq} that strictly increases
 * (one counter over all symbols, from {@code seqStart}), so a node that reads a price twice (a
 * snapshot and the live topic) applies it once. With {@link Batching}, a message leaves at the
 * slot of its first price and carries with it every price due less than the window after that
 * slot: the later ones leave early, never late, so the schedule stays open-loop while the broker
 * and every node pay for one message instead of many. Runs on the caller's thread until the plan
 * ends, {@code limit} prices are sent, {@code stopAfterNanos} passes, or {@link #stop} is called.
 */
public final class PublishLoop {

    /** Waits until a moment of the nano clock; the real one parks the thread. */
    public interface Waiter {
        void waitUntil(long nanos) throws InterruptedException;
    }

    /**
     * How prices are grouped: {@code windowNanos} 0 sends one price a message; otherwise up to
     * {@link #MAX_PRICES} a message, and with {@code snapshotCopies} each symbol's newest price
     * of a message is also sent on its own to the last-value queue.
     */
    public record Batching(long windowNanos, boolean snapshotCopies) {

        public static final Batching NONE = new Batching(0, false);

        /** As the simulated feed: well inside the feed contract's limits for one message. */
        static final int MAX_PRICES = 100;
    }

    private final Plan plan;
    private final PriceSink sink;
    private final PublishCounters counters;
    private final LongSupplier nanoClock;
    private final Waiter waiter;
    private final Clock wallClock;
    private final long lateNanos;
    private final Batching batching;
    private volatile boolean stopped;

    public PublishLoop(Plan plan, PriceSink sink, PublishCounters counters, LongSupplier nanoClock, Waiter waiter,
                       Clock wallClock, long lateNanos, Batching batching) {
        this.plan = plan;
        this.sink = sink;
        this.counters = counters;
        this.nanoClock = nanoClock;
        this.waiter = waiter;
        this.wallClock = wallClock;
        this.lateNanos = lateNanos;
        this.batching = batching;
    }

    /**
     * @param limit          most prices to send; 0 for no limit
     * @param stopAfterNanos stop once this long has passed; 0 for no limit
     * @param report         called about every {@code reportNanos} (0: never) with the counters
     */
    public void run(long seqStart, long limit, long stopAfterNanos, long reportNanos, Consumer<PublishCounters> report)
            throws InterruptedException {
        long start = nanoClock.getAsLong();
        long nextReport = start + reportNanos;
        long seq = seqStart;
        long count = 0;
        Optional<Planned> ahead = Optional.empty();
        while (!stopped && (limit == 0 || count < limit)) {
            Optional<Planned> next = ahead.isPresent() ? ahead : plan.next();
            ahead = Optional.empty();
            if (next.isEmpty() || isPastTheEnd(next.get(), stopAfterNanos)) {
                return;
            }
            Planned first = next.get();
            long due = start + first.dueNanos();
            long now = nanoClock.getAsLong();
            if (now < due) {
                waiter.waitUntil(due);
                now = nanoClock.getAsLong();
            }
            if (stopped) {
                return;
            }
            List<Planned> message = new ArrayList<>();
            message.add(first);
            boolean planOver = false;
            while (batching.windowNanos() > 0 && message.size() < Batching.MAX_PRICES
                    && (limit == 0 || count + message.size() < limit)) {
                Optional<Planned> more = plan.next();
                if (more.isEmpty()) {
                    planOver = true;
                    break;
                }
                if (more.get().dueNanos() - first.dueNanos() >= batching.windowNanos()
                        || isPastTheEnd(more.get(), stopAfterNanos)) {
                    ahead = more;
                    break;
                }
                message.add(more.get());
            }
            List<PriceTick> ticks = new ArrayList<>(message.size());
            for (Planned planned : message) {
                long lateBy = now - (start + planned.dueNanos());
                if (lateBy > lateNanos) {
                    counters.late(lateBy);
                }
                ticks.add(new PriceTick(planned.symbol(), planned.price(), planned.volume(), OptionalLong.of(seq++),
                        wallClock.instant()));
            }
            send(ticks);
            count += ticks.size();
            if (planOver) {
                return;
            }
            if (reportNanos > 0 && now >= nextReport) {
                report.accept(counters);
                nextReport = now + reportNanos;
            }
        }
    }

    private static boolean isPastTheEnd(Planned planned, long stopAfterNanos) {
        return stopAfterNanos > 0 && planned.dueNanos() >= stopAfterNanos;
    }

    private void send(List<PriceTick> ticks) {
        try {
            if (ticks.size() == 1) {
                sink.send(ticks.get(0).symbol(), PriceMessageFormat.format(ticks.get(0)));
            } else {
                sink.sendAll(PriceMessageFormat.formatAll(ticks));
            }
            counters.sent(ticks.size());
        } catch (RuntimeException e) {
            counters.failed(ticks.size());
            return;
        }
        if (ticks.size() > 1 && batching.snapshotCopies()) {
            Map<String, PriceTick> newest = new LinkedHashMap<>();
            ticks.forEach(tick -> newest.put(tick.symbol(), tick));
            for (PriceTick tick : newest.values()) {
                try {
                    sink.sendToSnapshot(tick.symbol(), PriceMessageFormat.format(tick));
                } catch (RuntimeException e) {
                    counters.snapshotFailed();
                }
            }
        }
    }

    /** Ends {@link #run} before its next send; callable from any thread. */
    public void stop() {
        stopped = true;
    }
}
