package io.quotecast.publisher;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Consumer;

import io.quotecast.feed.PriceMessageFormat;
import io.quotecast.quote.PriceTick;

/**
 * Sends a {@link Plan} open-loop: each price waits for its slot ({@code start + dueNanos}) and is
 * then sent at once, however late; a slow broker never moves the slots, it makes sends late, and
 * each late send is counted. Every message carries a feed {@code seq} that strictly increases
 * (one counter over all symbols, from {@code seqStart}), so a node that reads a price twice (a
 * snapshot and the live topic) applies it once. Runs on the caller's thread until the plan ends,
 * {@code limit} prices are sent, {@code stopAfterNanos} passes, or {@link #stop} is called.
 */
public final class PublishLoop {

    /** Waits until a moment of the nano clock; the real one parks the thread. */
    public interface Waiter {
        void waitUntil(long nanos) throws InterruptedException;
    }

    private final Plan plan;
    private final PriceSink sink;
    private final PublishCounters counters;
    private final LongSupplier nanoClock;
    private final Waiter waiter;
    private final Clock wallClock;
    private final long lateNanos;
    private volatile boolean stopped;

    public PublishLoop(Plan plan, PriceSink sink, PublishCounters counters, LongSupplier nanoClock, Waiter waiter,
                       Clock wallClock, long lateNanos) {
        this.plan = plan;
        this.sink = sink;
        this.counters = counters;
        this.nanoClock = nanoClock;
        this.waiter = waiter;
        this.wallClock = wallClock;
        this.lateNanos = lateNanos;
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
        while (!stopped && (limit == 0 || count < limit)) {
            Optional<Planned> next = plan.next();
            if (next.isEmpty()) {
                return;
            }
            Planned planned = next.get();
            if (stopAfterNanos > 0 && planned.dueNanos() >= stopAfterNanos) {
                return;
            }
            long due = start + planned.dueNanos();
            long now = nanoClock.getAsLong();
            if (now < due) {
                waiter.waitUntil(due);
                now = nanoClock.getAsLong();
            }
            if (stopped) {
                return;
            }
            if (now - due > lateNanos) {
                counters.late(now - due);
            }
            PriceTick tick = new PriceTick(planned.symbol(), planned.price(), planned.volume(), OptionalLong.of(seq++),
                    wallClock.instant());
            try {
                sink.send(planned.symbol(), PriceMessageFormat.format(tick));
                counters.sent();
            } catch (RuntimeException e) {
                counters.failed();
            }
            count++;
            if (reportNanos > 0 && now >= nextReport) {
                report.accept(counters);
                nextReport = now + reportNanos;
            }
        }
    }

    /** Ends {@link #run} before its next send; callable from any thread. */
    public void stop() {
        stopped = true;
    }
}
