package io.quotecast.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedSettingsTest {

    private static final String SIMULATED = "quotecast.feed.simulated";
    private static final String RATE = "quotecast.feed.simulated.rate";
    private static final String TICK = "quotecast.feed.simulated.tick-ms";
    private static final String DIRECT = "quotecast.feed.simulated.direct";
    private static final String BATCH = "quotecast.feed.simulated.batch";

    @AfterEach
    void clearSettings() {
        System.clearProperty(SIMULATED);
        System.clearProperty(RATE);
        System.clearProperty(TICK);
        System.clearProperty(DIRECT);
        System.clearProperty(BATCH);
    }

    @Test
    void defaultsToASimulatedFeedOfOneHundredPricesPerSecondInTenthsOfASecond() {
        FeedSettings settings = new FeedSettings();

        assertTrue(settings.simulated());
        assertFalse(settings.simulatedDirect(), "through the broker, as a real feed");
        assertTrue(settings.simulatedBatch(), "each tick's prices in one message");
        assertEquals(100, settings.simulatedRate());
        assertEquals(100, settings.tickMillis());
    }

    @Test
    void systemPropertiesOverrideTheDefaults() {
        System.setProperty(SIMULATED, "false");
        System.setProperty(RATE, " 2500 ");
        System.setProperty(TICK, "10000");
        System.setProperty(DIRECT, "true");
        System.setProperty(BATCH, "false");

        FeedSettings settings = new FeedSettings();

        assertFalse(settings.simulatedBatch());
        assertTrue(settings.simulatedDirect());
        assertFalse(settings.simulated());
        assertEquals(2500, settings.simulatedRate());
        assertEquals(10_000, settings.tickMillis());
    }

    @Test
    void blankValueFallsBackToTheDefault() {
        System.setProperty(RATE, "  ");

        assertEquals(100, new FeedSettings().simulatedRate());
    }

    @ParameterizedTest
    @CsvSource({
            "quotecast.feed.simulated.rate,    0,       between 1 and 1000000, was 0",
            "quotecast.feed.simulated.rate,    1000001, between 1 and 1000000, was 1000001",
            "quotecast.feed.simulated.tick-ms, 9,       between 10 and 10000, was 9",
            "quotecast.feed.simulated.tick-ms, -100,    between 10 and 10000, was -100",
    })
    void outOfRangeValueIsRefusedNamingTheKeyAndTheRange(String key, String value, String range) {
        System.setProperty(key, value);

        String message = assertThrows(IllegalArgumentException.class, FeedSettings::new).getMessage();

        assertTrue(message.startsWith(key + " must be "), message);
        assertTrue(message.contains(range), message);
    }

    @ParameterizedTest
    @CsvSource({"quotecast.feed.simulated.rate, fast", "quotecast.feed.simulated.tick-ms, 1.5",
            "quotecast.feed.simulated.rate, 99999999999"})
    void nonNumericValueIsRefusedNamingTheKeyAndTheValue(String key, String value) {
        System.setProperty(key, value);

        String message = assertThrows(IllegalArgumentException.class, FeedSettings::new).getMessage();

        assertEquals(key + " must be a whole number, was '" + value + "'", message);
    }
}
