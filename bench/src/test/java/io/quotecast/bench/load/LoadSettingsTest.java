package io.quotecast.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class LoadSettingsTest {

    private static final URI SERVER = URI.create("ws://127.0.0.1:8080/quotecast/ws/v1");

    @Test
    void upToTwelveThousandClientsHave120SecondsToOpen() {
        assertEquals(Duration.ofSeconds(120), LoadSettings.of(SERVER, 10).connectTimeout());
        assertEquals(Duration.ofSeconds(120), LoadSettings.of(SERVER, 10_000).connectTimeout());
        assertEquals(Duration.ofSeconds(120), LoadSettings.of(SERVER, 12_000).connectTimeout());
    }

    @Test
    void beyondThatTheyHaveTenMillisecondsEach() {
        assertEquals(Duration.ofSeconds(150), LoadSettings.of(SERVER, 15_000).connectTimeout());
        assertEquals(Duration.ofSeconds(190), LoadSettings.of(SERVER, 19_000).connectTimeout());
    }

    @Test
    void theBudgetSurvivesTheOtherSettings() {
        LoadSettings settings = LoadSettings.of(SERVER, 19_000).withThreads(2).withMaxRate(5).withBatch(true)
                .withReadPoll(Duration.ofNanos(500_000));
        assertEquals(Duration.ofSeconds(190), settings.connectTimeout());
    }
}
