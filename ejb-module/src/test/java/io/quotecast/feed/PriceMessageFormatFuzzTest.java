package io.quotecast.feed;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.quotecast.instrument.Symbols;
import io.quotecast.quote.PriceTick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jazzer fuzz test of the feed message parser, which sees whatever anyone publishes to the price
 * topic. The normal build replays the checked-in corpus (src/test/resources/io/quotecast/feed/
 * PriceMessageFormatFuzzTestInputs/); {@code JAZZER_FUZZ=1} searches for new inputs (see
 * docs/hardening.md). Whatever the text, parsing answers, for each price it finds (an array has
 * several), a tick or a rejection, never both, never neither, and never throws.
 */
class PriceMessageFormatFuzzTest {

    private static final int LONGEST_DETAIL = 200;

    private final PriceMessageFormat format =
            new PriceMessageFormat(Clock.fixed(Instant.parse("2026-11-21T20:33:06.120Z"), ZoneOffset.UTC));

    @FuzzTest(maxDuration = "5m")
    void parseNeverThrowsAndAnswersATickXorARejection(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();

        List<PriceMessageFormat.Parsed> all = format.parseAll(text);

        assertNotNull(all, "parse never answers null");
        assertTrue(!all.isEmpty() && all.size() <= PriceMessageFormat.MAX_PRICES_PER_MESSAGE,
                () -> "at least one answer, at most one a price: " + all.size());
        all.forEach(this::assertTickXorRejection);
    }

    private void assertTickXorRejection(PriceMessageFormat.Parsed parsed) {
        assertNotNull(parsed, "parse never answers null");
        assertTrue(parsed.tick() == null ^ parsed.rejection() == null, () -> "a tick xor a rejection: " + parsed);
        if (parsed.tick() != null) {
            assertNull(parsed.detail(), () -> "no rejection detail with a tick: " + parsed);
            assertValidTick(parsed.tick());
        } else {
            String detail = parsed.detail();
            assertNotNull(detail, () -> "a rejection names its detail: " + parsed);
            assertFalse(detail.isBlank(), () -> "a rejection names its detail: " + parsed);
            assertTrue(detail.length() <= LONGEST_DETAIL, () -> "a detail fit for one log line: " + detail);
            assertTrue(detail.chars().noneMatch(Character::isISOControl),
                    () -> "no control characters (forged log lines) in the detail: " + detail);
        }
    }

    private void assertValidTick(PriceTick tick) {
        assertTrue(Symbols.isValid(tick.symbol()), () -> "a valid symbol: " + tick);
        assertTrue(tick.price().signum() > 0 && tick.price().compareTo(PriceMessageFormat.MAX_PRICE) < 0,
                () -> "a price in range: " + tick);
        assertTrue(tick.price().stripTrailingZeros().scale() <= PriceMessageFormat.MAX_PRICE_SCALE,
                () -> "at most " + PriceMessageFormat.MAX_PRICE_SCALE + " decimals: " + tick);
        tick.volume().ifPresent(v -> assertTrue(v >= 0, () -> "volume >= 0: " + tick));
        tick.sourceSeq().ifPresent(s -> assertTrue(s >= 0, () -> "seq >= 0: " + tick));
        assertNotNull(tick.time(), () -> "a time: " + tick);

        PriceMessageFormat.Parsed again = format.parse(PriceMessageFormat.format(tick));
        assertNotNull(again.tick(), () -> "what format writes, parse reads: " + tick + " gave " + again);
        assertEquals(tick.symbol(), again.tick().symbol());
        assertEquals(0, tick.price().compareTo(again.tick().price()), () -> "the price survives a round trip: " + tick);
    }
}
