package io.quotecast.publisher;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import io.quotecast.feed.RandomWalk;
import io.quotecast.instrument.Instrument;
import io.quotecast.quote.PriceTick;

/**
 * A random walk over some instruments at a fixed rate: price {@code n} (from 0) is due at
 * {@code n / rate} seconds, whatever happened to the ones before it (open loop).
 */
public final class WalkPlan implements Plan {

    private final RandomWalk walk;
    private final double nanosPerPrice;
    private long n;

    public WalkPlan(List<Instrument> instruments, int perSecond, RandomGenerator random) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.walk = new RandomWalk(instruments, random);
        this.nanosPerPrice = 1e9 / perSecond;
    }

    @Override
    public Optional<Planned> next() {
        long due = Math.round(n++ * nanosPerPrice);
        PriceTick tick = walk.next(1, Instant.EPOCH).get(0);
        return Optional.of(new Planned(due, tick.symbol(), tick.price(), tick.volume()));
    }
}
