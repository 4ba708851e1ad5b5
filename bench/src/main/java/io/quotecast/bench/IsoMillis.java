package io.quotecast.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The protocol's timestamps ({@code 2026-11-21T20:43:35.370Z}, UTC, exactly three fractional
 * digits) to and from epoch milliseconds. Parsing works on the raw bytes of a frame without
 * allocating: the date part's midnight is cached, so it costs a handful of digit reads.
 * {@link Parser} is not thread-safe: one per event-loop thread.
 */
public final class IsoMillis {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Length of a timestamp in bytes. */
    public static final int LENGTH = 24;

    private IsoMillis() {
    }

    public static String format(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Reads timestamps out of byte sources; remembers the last date seen. */
    public static final class Parser {

        private final byte[] date = new byte[10];
        private long midnight = Long.MIN_VALUE;

        /** Epoch milliseconds of the timestamp starting at {@code start}, or -1 when it is not one. */
        public long parse(byte[] bytes, int start) {
            boolean sameDay = midnight != Long.MIN_VALUE;
            for (int i = 0; i < 10 && sameDay; i++) {
                sameDay = bytes[start + i] == date[i];
            }
            if (!sameDay) {
                for (int i = 0; i < 10; i++) {
                    date[i] = bytes[start + i];
                }
                try {
                    midnight = LocalDate.of(digits(date, 0, 4), digits(date, 5, 2), digits(date, 8, 2))
                            .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                } catch (RuntimeException e) {
                    midnight = Long.MIN_VALUE;
                    return -1;
                }
            }
            int h = digits(bytes, start + 11, 2);
            int m = digits(bytes, start + 14, 2);
            int s = digits(bytes, start + 17, 2);
            int ms = digits(bytes, start + 20, 3);
            if (h < 0 || m < 0 || s < 0 || ms < 0) {
                return -1;
            }
            return midnight + h * 3_600_000L + m * 60_000L + s * 1_000L + ms;
        }

        private static int digits(byte[] b, int from, int count) {
            int value = 0;
            for (int i = from; i < from + count; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    return -1;
                }
                value = value * 10 + d;
            }
            return value;
        }
    }
}
