package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PushSettingsTest {

    private static final List<String> KEYS = List.of("quotecast.heartbeat-seconds", "quotecast.max-message-bytes",
            "quotecast.max-subscriptions", "quotecast.max-queued-replies", "quotecast.send-timeout-ms",
            "quotecast.stuck-after-seconds", "quotecast.heartbeat-misses");

    @AfterEach
    void clearSettings() {
        KEYS.forEach(System::clearProperty);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        PushSettings settings = new PushSettings();

        assertEquals(30, settings.heartbeatSeconds());
        assertEquals(16_384, settings.maxMessageBytes());
        assertEquals(100, settings.maxSubscriptions());
        assertEquals(64, settings.maxQueuedReplies());
        assertEquals(10_000, settings.sendTimeoutMillis());
        assertEquals(30, settings.stuckAfterSeconds());
        assertEquals(2, settings.heartbeatMisses());
        assertEquals(240_000, settings.readTimeoutMillis());
    }

    /** WildFly's listener would cut a client off before the heartbeat judged it (90 s by default). */
    @Test
    void theContainersReadTimeoutIsAboveTheLongestSilenceTheHeartbeatAccepts() {
        for (int[] heartbeatAndMisses : new int[][] {{30, 2}, {1, 1}, {5, 10}, {3600, 100}}) {
            PushSettings settings = new PushSettings(heartbeatAndMisses[0], 16_384, 100, 64, 10_000, 30, heartbeatAndMisses[1]);
            long longestSilenceMillis = 2L * settings.heartbeatSeconds() * (settings.heartbeatMisses() + 1) * 1000;
            long sweepMillis = settings.heartbeatSeconds() * 1000L;

            assertTrue(settings.readTimeoutMillis() > longestSilenceMillis + sweepMillis,
                    () -> settings.readTimeoutMillis() + " ms for heartbeat " + settings.heartbeatSeconds() + " s");
        }
    }

    @Test
    void systemPropertiesOverrideTheDefaults() {
        for (int i = 0; i < KEYS.size(); i++) {
            System.setProperty(KEYS.get(i), String.valueOf(List.of(5, 1024, 7, 9, 250, 11, 3).get(i)));
        }

        PushSettings settings = new PushSettings();

        assertEquals(List.of(5, 1024, 7, 9, 250, 11, 3), List.of(settings.heartbeatSeconds(), settings.maxMessageBytes(),
                settings.maxSubscriptions(), settings.maxQueuedReplies(), settings.sendTimeoutMillis(),
                settings.stuckAfterSeconds(), settings.heartbeatMisses()));
    }

    @Test
    void aQueueTooShortForASubscribeAnswerIsRefusedNamingTheKey() {
        System.setProperty("quotecast.max-queued-replies", "7");

        String message = assertThrows(IllegalArgumentException.class, PushSettings::new).getMessage();

        assertTrue(message.startsWith("quotecast.max-queued-replies must be between 8 and 10000"), message);
    }

    @Test
    void nonNumericValueIsRefusedNamingTheKey() {
        System.setProperty("quotecast.max-subscriptions", "lots");

        String message = assertThrows(IllegalArgumentException.class, PushSettings::new).getMessage();

        assertEquals("quotecast.max-subscriptions must be a whole number, was 'lots'", message);
    }
}
