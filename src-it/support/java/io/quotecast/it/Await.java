package io.quotecast.it;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.opentest4j.AssertionFailedError;

/**
 * Waits on a condition with a bound: polls until it holds, fails with the last thing seen when the
 * bound passes. The one waiting primitive of every integration test tree (src-it/support is a
 * test source of src-it/wildfly, src-it/payara and src-it/cluster). The pause between polls keeps
 * a shared machine responsive; it is never what a test relies on, and it bounds how finely the
 * elapsed times that the cluster tests report are measured.
 */
public final class Await {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private Await() {
    }

    /**
     * Polls {@code probe} until it gives a value, and returns it. A probe that throws has simply not
     * succeeded yet (the server may still be starting); its last failure is reported on timeout.
     */
    public static <T> T value(String what, Duration bound, Callable<Optional<T>> probe) {
        return value(what, bound, probe, () -> "");
    }

    /** Polls until {@code condition} holds, and says how long that took. */
    public static Duration until(String what, Duration bound, Callable<Boolean> condition) {
        return until(what, bound, condition, () -> "");
    }

    /** As {@link #until(String, Duration, Callable)}, with {@code state} in the failure to say what was seen. */
    public static Duration until(String what, Duration bound, Callable<Boolean> condition, Supplier<String> state) {
        long start = System.nanoTime();
        value(what, bound, () -> condition.call() ? Optional.of(Boolean.TRUE) : Optional.<Boolean>empty(), state);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static <T> T value(String what, Duration bound, Callable<Optional<T>> probe, Supplier<String> state) {
        long deadline = System.nanoTime() + bound.toNanos();
        Throwable lastFailure = null;
        while (true) {
            try {
                Optional<T> value = probe.call();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (Exception | AssertionError e) {
                lastFailure = e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                String seen = state.get();
                AssertionFailedError failure = new AssertionFailedError("Waited " + bound.toSeconds() + " s for " + what
                        + (seen.isEmpty() ? "" : "; " + seen)
                        + (lastFailure == null ? "" : "; last attempt failed with " + lastFailure));
                if (lastFailure != null) {
                    failure.initCause(lastFailure);
                }
                throw failure;
            }
            // Never past the bound: the last look is at the deadline, not up to one interval after it.
            pause(Math.min(POLL_INTERVAL.toNanos(), left));
        }
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("Interrupted while waiting", e);
        }
    }
}
