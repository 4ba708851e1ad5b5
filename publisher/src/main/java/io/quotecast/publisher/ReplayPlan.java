package io.quotecast.publisher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.quotecast.instrument.Symbols;

/**
 * Replays a file of prices, one per line: {@code offsetMillis,symbol,price[,volume]}, where the
 * offset counts from the start of the replay and never goes back. Blank lines, lines starting
 * with {@code #} and a first line starting with {@code offset} (a header) are skipped. A bad
 * line stops the replay with its line number. Read as it goes, so a file may be larger than memory.
 */
public final class ReplayPlan implements Plan {

    private final BufferedReader reader;
    private final String origin;
    private int lineNumber;
    private long lastOffset;

    public ReplayPlan(Reader source, String origin) {
        this.reader = new BufferedReader(source);
        this.origin = origin;
    }

    @Override
    public Optional<Planned> next() {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")
                        || (lineNumber == 1 && trimmed.toLowerCase(java.util.Locale.ROOT).startsWith("offset"))) {
                    continue;
                }
                return Optional.of(parse(trimmed));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException(origin + ": cannot read: " + e.getMessage(), e);
        }
    }

    Planned parse(String line) {
        String[] fields = line.split(",", -1);
        if (fields.length < 3 || fields.length > 4) {
            throw bad("expected offsetMillis,symbol,price[,volume] but found " + fields.length + " fields");
        }
        long offset = whole(fields[0], "offsetMillis");
        if (offset < lastOffset) {
            throw bad("offsetMillis goes back (" + offset + " after " + lastOffset + ")");
        }
        lastOffset = offset;
        String symbol = fields[1].strip();
        if (!Symbols.isValid(symbol)) {
            throw bad("invalid symbol '" + symbol + "'");
        }
        BigDecimal price;
        try {
            price = new BigDecimal(fields[2].strip());
        } catch (NumberFormatException e) {
            throw bad("price is not a number");
        }
        if (price.signum() <= 0) {
            throw bad("price must be positive");
        }
        OptionalLong volume = fields.length == 4 && !fields[3].isBlank()
                ? OptionalLong.of(whole(fields[3], "volume")) : OptionalLong.empty();
        return new Planned(TimeUnit.MILLISECONDS.toNanos(offset), symbol, price, volume);
    }

    private long whole(String field, String name) {
        try {
            long value = Long.parseLong(field.strip());
            if (value < 0) {
                throw bad(name + " must be >= 0");
            }
            return value;
        } catch (NumberFormatException e) {
            throw bad(name + " is not a whole number");
        }
    }

    private IllegalArgumentException bad(String problem) {
        return new IllegalArgumentException(origin + ", line " + lineNumber + ": " + problem);
    }
}
