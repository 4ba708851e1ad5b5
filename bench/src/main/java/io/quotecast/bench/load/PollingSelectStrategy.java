package io.quotecast.bench.load;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;

/**
 * An event loop that looks for frames every {@code interval} instead of sleeping in
 * {@code epoll_wait} until the next one arrives. On loopback the kernel delivers a server's frame
 * to the client's socket on the server's core, and waking a client that sleeps is part of that
 * work: one wakeup of the generator per frame (about 30,000 a second at 30,000 deliveries/s)
 * made every server's core pay for it, more or less depending on how often the generator
 * happened to be asleep, which is what the "two states" of benchmarks.md were. Polling, the
 * generator reads whatever arrived in the last interval in one go, and the server's core pays
 * for writes, not for the generator's wakeups, much as with clients on other machines. Costs up
 * to one interval of latency, the same for every server.
 */
final class PollingSelectStrategy implements SelectStrategyFactory, SelectStrategy {

    private final long intervalNanos;

    PollingSelectStrategy(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public SelectStrategy newSelectStrategy() {
        return this;
    }

    /**
     * What is ready now (Netty's non-blocking look); when nothing is and no task waits, a pause of
     * one interval first. Zero then means "nothing ready": the loop runs its due scheduled tasks
     * and asks again, so timers still fire, at most one interval late.
     */
    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        int ready = selectNow.get();
        if (ready == 0 && !hasTasks) {
            LockSupport.parkNanos(intervalNanos);
        }
        return ready;
    }
}
