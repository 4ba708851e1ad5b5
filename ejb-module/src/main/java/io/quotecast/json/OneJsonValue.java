package io.quotecast.json;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a text that must hold exactly one JSON value, as a feed message or a client message
 * must. A reader stops after the first value, so {@code {"type":"ping"} garbage} would pass;
 * this refuses it. Never throws.
 */
public final class OneJsonValue {

    /**
     * {@code Json.createParser} looks the JSON-P provider up through the service loader on every
     * call, which on WildFly scans the deployment's module resources: at 2,000 feed messages a
     * second that lookup was 6 % of the server's core (docs/benchmarks.md, session 7). A factory
     * is immutable and safe for concurrent use, so one serves every reader.
     */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private OneJsonValue() {
    }

    /** The value, or empty when the text is not exactly one well-formed JSON value. */
    public static Optional<JsonValue> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                return Optional.empty();
            }
            parser.next();
            JsonValue value = parser.getValue();
            return parser.hasNext() ? Optional.empty() : Optional.of(value);
        } catch (RuntimeException e) {
            // JsonException for bad syntax, but Parsson reports nesting deeper than its limit with
            // a plain RuntimeException: any failure to read means the text is not one JSON value.
            return Optional.empty();
        }
    }
}
