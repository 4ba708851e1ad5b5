package io.quotecast.it;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What docs/protocol.md promises a quote looks like, on the WebSocket and over REST alike. */
final class QuoteShape {

    static final List<String> QUOTE_FIELDS =
            List.of("symbol", "price", "change", "changePercent", "volume", "seq", "time");
    static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9.\\-]{0,11}");
    static final Pattern UTC_MILLIS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private QuoteShape() {
    }

    /** A quote object inside a snapshot or a REST answer: the fields, in order, of the right kinds. */
    static void assertQuote(JsonObject quote) {
        assertEquals(QUOTE_FIELDS, JsonText.fieldNames(quote), () -> "quote fields, in order, of " + quote);
        assertFields(quote);
    }

    /** A {@code quote} frame: {@code type} first, then the quote fields, in order. */
    static void assertQuoteFrame(JsonObject frame) {
        List<String> expected = new ArrayList<>();
        expected.add("type");
        expected.addAll(QUOTE_FIELDS);
        assertEquals(expected, JsonText.fieldNames(frame), () -> "quote frame fields, in order, of " + frame);
        assertEquals("quote", frame.getString("type"));
        assertFields(frame);
    }

    static JsonNumber number(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (!(value instanceof JsonNumber number)) {
            throw new AssertionFailedError("'" + field + "' should be a JSON number in " + object);
        }
        return number;
    }

    static String string(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (!(value instanceof JsonString string)) {
            throw new AssertionFailedError("'" + field + "' should be a JSON string in " + object);
        }
        return string.getString();
    }

    private static void assertFields(JsonObject quote) {
        assertTrue(SYMBOL.matcher(string(quote, "symbol")).matches(), () -> "symbol syntax in " + quote);
        assertTrue(number(quote, "price").bigDecimalValue().signum() > 0, () -> "positive price in " + quote);
        number(quote, "change");
        assertEquals(2, number(quote, "changePercent").bigDecimalValue().scale(),
                () -> "changePercent with exactly 2 decimals in " + quote);
        assertTrue(number(quote, "volume").isIntegral() && number(quote, "volume").longValue() >= 0,
                () -> "volume a whole number >= 0 in " + quote);
        assertTrue(number(quote, "seq").isIntegral() && number(quote, "seq").longValue() >= 1,
                () -> "seq a whole number >= 1 in " + quote);
        assertTrue(UTC_MILLIS.matcher(string(quote, "time")).matches(),
                () -> "time in UTC with three fractional digits in " + quote);
    }
}
