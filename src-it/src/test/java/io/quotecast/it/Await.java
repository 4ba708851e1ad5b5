package io.quotecast.it;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.opentest4j.AssertionFailedError;

/**
 * Waits on a condition with a bound: polls until it holds, fails with the last thing seen when the
 * bound passes. The pause between polls keeps a shared machine responsive; it is never what the
 * test relies on.
 */
public final class Await {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private Await() {
    }

    /**
     * Polls {@code probe} until it gives a value, and returns it. A probe that throws has simply not
     * succeeded yet (the server may still be starting); its last failure is reported on timeout.
     */
    public static <T> T value(String what, Duration bound, Callable<Optional<T>> probe) {
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
            if (System.nanoTime() - deadline >= 0) {
                AssertionFailedError failure = new AssertionFailedError(
                        "Waited " + bound.toSeconds() + " s on " + QuotecastServer.name() + " for " + what
                                + (lastFailure == null ? "" : "; last attempt failed with " + lastFailure));
                if (lastFailure != null) {
                    failure.initCause(lastFailure);
                }
                throw failure;
            }
            pause();
        }
    }

    /** Polls until {@code condition} holds. */
    public static void until(String what, Duration bound, Callable<Boolean> condition) {
        value(what, bound, () -> condition.call() ? Optional.of(Boolean.TRUE) : Optional.<Boolean>empty());
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("Interrupted while waiting", e);
        }
    }
}
