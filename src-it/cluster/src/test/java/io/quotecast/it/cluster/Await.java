package io.quotecast.it.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits on a condition with a bound, polling; never a bare sleep. */
final class Await {

    private Await() {
    }

    /** Waits until {@code condition} holds; fails with {@code what} and the last {@code state} after {@code bound}. */
    static Duration until(String what, Duration bound, BooleanSupplier condition, Supplier<String> state) {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not within " + bound.toSeconds() + " s: " + what + "; " + state.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static Duration until(String what, Duration bound, BooleanSupplier condition) {
        return until(what, bound, condition, () -> "");
    }
}
