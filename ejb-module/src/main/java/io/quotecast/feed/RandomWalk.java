package io.quotecast.feed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

import io.quotecast.instrument.Instrument;
import io.quotecast.quote.PriceTick;

/**
 * Random-walk prices for a list of instruments: each step moves one symbol by a normally
 * distributed relative amount (cent ticks, never below one cent) and adds traded volume.
 * Not thread-safe: its owner calls it from one thread at a time.
 */
public final class RandomWalk {

    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final double VOLATILITY_PER_STEP = 0.0008;

    private final List<Instrument> instruments;
    private final BigDecimal[] prices;
    private final long[] volumes;
    private final RandomGenerator random;

    public RandomWalk(List<Instrument> instruments, RandomGenerator random) {
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("nothing to walk");
        }
        this.instruments = List.copyOf(instruments);
        this.random = random;
        this.prices = new BigDecimal[instruments.size()];
        this.volumes = new long[instruments.size()];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = instruments.get(i).previousClose().setScale(2, RoundingMode.HALF_EVEN);
        }
    }

    /** The next {@code count} ticks, each for a symbol chosen at random. */
    public List<PriceTick> next(int count, Instant time) {
        List<PriceTick> ticks = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            ticks.add(step(random.nextInt(prices.length), time));
        }
        return ticks;
    }

    private PriceTick step(int i, Instant time) {
        BigDecimal move = prices[i].multiply(BigDecimal.valueOf(random.nextGaussian() * VOLATILITY_PER_STEP));
        BigDecimal price = prices[i].add(move).setScale(2, RoundingMode.HALF_EVEN).max(CENT);
        prices[i] = price;
        volumes[i] += 100L * (1 + random.nextInt(50));
        return new PriceTick(instruments.get(i).symbol(), price, OptionalLong.of(volumes[i]), OptionalLong.empty(), time);
    }
}
