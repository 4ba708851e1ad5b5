package io.quotecast.quote;

import jakarta.json.bind.adapter.JsonbAdapter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps on the wire are UTC with exactly three fractional digits
 * ({@code 2026-11-21T20:33:06.120Z}), whatever the instant's precision, so clients can parse
 * them with one fixed pattern.
 */
public final class UtcMillis implements JsonbAdapter<Instant, String> {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Accepts any ISO-8601 instant; throws {@link DateTimeParseException} otherwise. */
    public static Instant parse(String text) {
        return Instant.parse(text).truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public String adaptToJson(Instant instant) {
        return format(instant);
    }

    @Override
    public Instant adaptFromJson(String text) {
        return parse(text);
    }
}
