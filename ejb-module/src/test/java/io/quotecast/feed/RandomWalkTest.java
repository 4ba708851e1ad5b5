package io.quotecast.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import io.quotecast.instrument.Instrument;
import io.quotecast.quote.PriceTick;

class RandomWalkTest {

    private static final Instant T = Instant.parse("2026-11-21T20:33:06.120Z");
    private static final BigDecimal CENT = new BigDecimal("0.01");

    private static final List<Instrument> INSTRUMENTS = List.of(
            new Instrument("AAPL", "XNAS", "Apple Inc.", new BigDecimal("229.87")),
            new Instrument("BRK.B", "XNYS", "Berkshire Hathaway Inc. Class B", new BigDecimal("470.03")),
            new Instrument("PENNY", "XTST", "Penny Corp", new BigDecimal("0.02")),
            new Instrument("ODD", "XTST", "Odd Close Corp", new BigDecimal("12.3456")));

    @Test
    void givesTheNumberOfTicksAskedForWithTheGivenTimeAndNoFeedSequence() {
        List<PriceTick> ticks = new RandomWalk(INSTRUMENTS, new SplittableRandom(1)).next(250, T);

        assertEquals(250, ticks.size());
        for (PriceTick tick : ticks) {
            assertEquals(T, tick.time());
            assertEquals(OptionalLong.empty(), tick.sourceSeq());
        }
        assertEquals(List.of(), new RandomWalk(INSTRUMENTS, new SplittableRandom(1)).next(0, T));
    }

    @Test
    void ticksOnlySymbolsFromTheListAndSoonerOrLaterAllOfThem() {
        List<PriceTick> ticks = new RandomWalk(INSTRUMENTS, new SplittableRandom(2)).next(1000, T);

        Set<String> symbols = new HashSet<>();
        ticks.forEach(t -> symbols.add(t.symbol()));
        assertEquals(Set.of("AAPL", "BRK.B", "PENNY", "ODD"), symbols);
    }

    @Test
    void pricesAreAtLeastOneCentWithExactlyTwoDecimals() {
        for (PriceTick tick : new RandomWalk(INSTRUMENTS, new SplittableRandom(3)).next(10_000, T)) {
            assertEquals(2, tick.price().scale(), tick::toString);
            assertTrue(tick.price().compareTo(CENT) >= 0, tick::toString);
        }
    }

    @Test
    void aCrashingPriceStopsAtOneCent() {
        RandomGenerator crash = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextGaussian() {
                return -10_000;
            }
        };

        List<PriceTick> ticks = new RandomWalk(INSTRUMENTS.subList(0, 1), crash).next(3, T);

        ticks.forEach(t -> assertEquals(CENT, t.price()));
    }

    @Test
    void aCloseBelowHalfACentStartsAtOneCent() {
        List<Instrument> tiny = List.of(new Instrument("TINY", "XTST", "Tiny Corp", new BigDecimal("0.004")));

        new RandomWalk(tiny, new SplittableRandom(4)).next(100, T).forEach(t -> assertEquals(CENT, t.price()));
    }

    @Test
    void volumeOfEachSymbolOnlyGrows() {
        Map<String, Long> last = new HashMap<>();
        for (PriceTick tick : new RandomWalk(INSTRUMENTS, new SplittableRandom(5)).next(5_000, T)) {
            long volume = tick.volume().orElseThrow();
            Long previous = last.put(tick.symbol(), volume);
            assertTrue(previous == null ? volume > 0 : volume > previous, tick::toString);
        }
    }

    @Test
    void pricesWanderFromThePreviousCloseInSmallSteps() {
        PriceTick first = new RandomWalk(INSTRUMENTS.subList(0, 1), new SplittableRandom(6)).next(1, T).get(0);

        BigDecimal distance = first.price().subtract(new BigDecimal("229.87")).abs();
        assertTrue(distance.compareTo(new BigDecimal("2.00")) < 0, first::toString);
    }

    @Test
    void sameSeedGivesTheSameWalk() {
        List<PriceTick> one = new RandomWalk(INSTRUMENTS, new SplittableRandom(42)).next(500, T);
        List<PriceTick> two = new RandomWalk(INSTRUMENTS, new SplittableRandom(42)).next(500, T);
        List<PriceTick> other = new RandomWalk(INSTRUMENTS, new SplittableRandom(43)).next(500, T);

        assertEquals(one, two);
        assertNotEquals(one, other);
    }

    @Test
    void refusesAnEmptyList() {
        assertThrows(IllegalArgumentException.class, () -> new RandomWalk(List.of(), new SplittableRandom(7)));
    }
}
