package io.quotecast.feed;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.quotecast.instrument.Symbols;
import io.quotecast.json.OneJsonValue;
import io.quotecast.quote.PriceTick;
import io.quotecast.quote.UtcMillis;

/**
 * The feed contract, both ways: a JSON text message
 * {@code {"symbol":"AAPL","price":229.87,"volume":1200,"seq":17,"time":"2026-11-21T20:33:06.120Z"}}
 * where symbol and price are required, or a JSON array of such objects (several prices in one
 * message, applied in array order). Parsing never throws: every input gives a tick or a
 * {@link FeedRejection} with a detail fit for a log line (never the message body).
 */
public final class PriceMessageFormat {

    public static final int MAX_LENGTH = 4096;
    /**
     * An array's limits. Each send through a broker costs the node a handful of thread hand-offs
     * whatever its size (docs/benchmarks.md, session 22), so a feed that batches saves them; the
     * bounds keep a message well below the size at which Artemis streams it as a large message
     * (100 KiB by default, where a text takes two bytes a character).
     */
    public static final int MAX_ARRAY_LENGTH = 32_768;
    public static final int MAX_PRICES_PER_MESSAGE = 250;
    static final BigDecimal MAX_PRICE = new BigDecimal("1000000000");
    static final int MAX_PRICE_SCALE = 6;
    /** Times clients can parse with the one documented pattern: four-digit years only. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    /** One for every message: {@code Json.createObjectBuilder} looks the provider up each call (see {@link OneJsonValue}). */
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    /** A tick, or the reason and detail of its rejection. */
    public record Parsed(PriceTick tick, FeedRejection rejection, String detail) {
        static Parsed rejected(FeedRejection rejection, String detail) {
            return new Parsed(null, rejection, detail);
        }
    }

    private final Clock clock;

    public PriceMessageFormat(Clock clock) {
        this.clock = clock;
    }

    /**
     * Every price of one message, in order: one for an object, one for each element of an array,
     * or a single rejection when the message as a whole is refused (too large, not JSON, an empty
     * or over-long array). An element that is not an object is refused on its own.
     */
    public List<Parsed> parseAll(String text) {
        if (text == null || !isArray(text)) {
            return List.of(parse(text));
        }
        if (text.length() > MAX_ARRAY_LENGTH) {
            return List.of(Parsed.rejected(FeedRejection.TOO_LARGE,
                    text.length() + " characters, limit " + MAX_ARRAY_LENGTH + " for an array"));
        }
        Optional<JsonValue> value = OneJsonValue.read(text);
        if (value.isEmpty()) {
            return List.of(Parsed.rejected(FeedRejection.MALFORMED, "body is not one valid JSON value"));
        }
        JsonArray prices = value.get().asJsonArray();
        if (prices.isEmpty()) {
            return List.of(Parsed.rejected(FeedRejection.MALFORMED, "empty array: no price"));
        }
        if (prices.size() > MAX_PRICES_PER_MESSAGE) {
            return List.of(Parsed.rejected(FeedRejection.TOO_LARGE,
                    prices.size() + " prices, limit " + MAX_PRICES_PER_MESSAGE + " a message"));
        }
        List<Parsed> parsed = new ArrayList<>(prices.size());
        for (int i = 0; i < prices.size(); i++) {
            JsonValue price = prices.get(i);
            parsed.add(price.getValueType() == JsonValue.ValueType.OBJECT
                    ? parse(price.asJsonObject())
                    : Parsed.rejected(FeedRejection.MALFORMED, "array element " + i + " is not a JSON object"));
        }
        return parsed;
    }

    /** Whether the text's first non-blank character opens an array, so that its own limits apply. */
    private static boolean isArray(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '[';
            }
        }
        return false;
    }

    /** The price of a one-price message (an object); an array is refused here (see {@link #parseAll}). */
    public Parsed parse(String text) {
        if (text == null) {
            return Parsed.rejected(FeedRejection.MALFORMED, "empty body");
        }
        if (text.length() > MAX_LENGTH) {
            return Parsed.rejected(FeedRejection.TOO_LARGE, text.length() + " characters, limit " + MAX_LENGTH);
        }
        Optional<JsonValue> value = OneJsonValue.read(text);
        if (value.isEmpty()) {
            return Parsed.rejected(FeedRejection.MALFORMED, "body is not one valid JSON value");
        }
        if (value.get().getValueType() != JsonValue.ValueType.OBJECT) {
            return Parsed.rejected(FeedRejection.MALFORMED, "body is not a JSON object or an array of them");
        }
        return parse(value.get().asJsonObject());
    }

    private Parsed parse(JsonObject json) {
        JsonValue symbolValue = json.get("symbol");
        if (symbolValue == null || symbolValue == JsonValue.NULL) {
            return Parsed.rejected(FeedRejection.MISSING_FIELD, "symbol is missing");
        }
        if (!(symbolValue instanceof JsonString symbolString) || !Symbols.isValid(symbolString.getString())) {
            return Parsed.rejected(FeedRejection.INVALID_FIELD, "symbol is not a valid symbol");
        }
        String symbol = symbolString.getString();
        JsonValue priceValue = json.get("price");
        if (priceValue == null || priceValue == JsonValue.NULL) {
            return Parsed.rejected(FeedRejection.MISSING_FIELD, symbol + ": price is missing");
        }
        if (!(priceValue instanceof JsonNumber priceNumber)) {
            return Parsed.rejected(FeedRejection.INVALID_PRICE, symbol + ": price is not a number");
        }
        BigDecimal price = priceNumber.bigDecimalValue();
        if (price.signum() <= 0 || price.compareTo(MAX_PRICE) >= 0
                || price.stripTrailingZeros().scale() > MAX_PRICE_SCALE) {
            return Parsed.rejected(FeedRejection.INVALID_PRICE,
                    symbol + ": price must be positive, below " + MAX_PRICE.toPlainString()
                            + " and have at most " + MAX_PRICE_SCALE + " decimals");
        }
        if (price.scale() < 0) {
            price = price.setScale(0);
        }
        OptionalLong volume = optionalCount(json, "volume");
        OptionalLong seq = optionalCount(json, "seq");
        if (volume == null || seq == null) {
            return Parsed.rejected(FeedRejection.INVALID_FIELD, symbol + ": volume and seq must be whole numbers >= 0");
        }
        Instant time;
        JsonValue timeValue = json.get("time");
        if (timeValue == null || timeValue == JsonValue.NULL) {
            time = clock.instant();
        } else if (timeValue instanceof JsonString timeString) {
            try {
                time = UtcMillis.parse(timeString.getString());
            } catch (DateTimeParseException e) {
                return Parsed.rejected(FeedRejection.INVALID_FIELD, symbol + ": time is not an ISO-8601 instant");
            }
            if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
                return Parsed.rejected(FeedRejection.INVALID_FIELD, symbol + ": time is not between 1970 and 9999");
            }
        } else {
            return Parsed.rejected(FeedRejection.INVALID_FIELD, symbol + ": time is not a string");
        }
        return new Parsed(new PriceTick(symbol, price, volume, seq, time), null, null);
    }

    /** Empty when absent, null when present but not a whole number >= 0. */
    private static OptionalLong optionalCount(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return OptionalLong.empty();
        }
        if (!(value instanceof JsonNumber number)) {
            return null;
        }
        try {
            long count = number.bigDecimalValue().longValueExact();
            return count < 0 ? null : OptionalLong.of(count);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** The message a feed sends for {@code tick}; the simulated feed and tools use it. */
    public static String format(PriceTick tick) {
        return object(tick).build().toString();
    }

    /** One message for several prices (at most {@link #MAX_PRICES_PER_MESSAGE}), in order. */
    public static String formatAll(List<PriceTick> ticks) {
        JsonArrayBuilder array = BUILDERS.createArrayBuilder();
        ticks.forEach(tick -> array.add(object(tick)));
        return array.build().toString();
    }

    private static JsonObjectBuilder object(PriceTick tick) {
        JsonObjectBuilder json = BUILDERS.createObjectBuilder()
                .add("symbol", tick.symbol())
                .add("price", tick.price());
        tick.volume().ifPresent(v -> json.add("volume", v));
        tick.sourceSeq().ifPresent(s -> json.add("seq", s));
        json.add("time", UtcMillis.format(tick.time()));
        return json;
    }
}
