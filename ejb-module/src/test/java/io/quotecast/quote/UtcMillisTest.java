package io.quotecast.quote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UtcMillisTest {

    @ParameterizedTest
    @CsvSource({
            "2026-11-21T20:33:06Z,           2026-11-21T20:33:06.000Z",
            "2026-11-21T20:33:06.1Z,         2026-11-21T20:33:06.100Z",
            "2026-11-21T20:33:06.12Z,        2026-11-21T20:33:06.120Z",
            "2026-11-21T20:33:06.120Z,       2026-11-21T20:33:06.120Z",
            "2026-11-21T20:33:06.120999999Z, 2026-11-21T20:33:06.120Z",
            "1970-01-01T00:00:00Z,           1970-01-01T00:00:00.000Z",
    })
    void formatsWithExactlyThreeFractionalDigitsAndZ(String instant, String expected) {
        assertEquals(expected, UtcMillis.format(Instant.parse(instant)));
    }

    @Test
    void formatTruncatesInsteadOfRoundingUpToTheNextMillisecond() {
        assertEquals("2026-12-31T23:59:59.999Z", UtcMillis.format(Instant.parse("2026-12-31T23:59:59.999999999Z")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-11-21T20:33:06.120Z",
            "2026-11-21T20:33:06.12Z",
            "2026-11-21T20:33:06.120456Z",
            "2026-11-21T21:33:06.120+01:00",
            "2026-11-21T15:33:06.120-05:00",
    })
    void parsesOtherIsoFormsToTheSameMillisecond(String text) {
        assertEquals(Instant.parse("2026-11-21T20:33:06.120Z"), UtcMillis.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-11-21", "2026-11-21T20:33:06", "2026-13-01T00:00:00Z",
            "1732221186120", "2026-11-21 20:33:06Z"})
    void refusesWhatIsNotAnIsoInstant(String text) {
        assertThrows(DateTimeParseException.class, () -> UtcMillis.parse(text));
    }

    @Test
    void adapterRoundTripsThroughTheWireForm() {
        UtcMillis adapter = new UtcMillis();
        Instant instant = Instant.parse("2026-11-21T20:33:06.120Z");

        assertEquals("2026-11-21T20:33:06.120Z", adapter.adaptToJson(instant));
        assertEquals(instant, adapter.adaptFromJson(adapter.adaptToJson(instant)));
    }
}
