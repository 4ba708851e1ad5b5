package io.quotecast.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.opentest4j.AssertionFailedError;

/**
 * Reads what the server sent with JSON-P, which keeps numbers exactly as written (a price's
 * digits and scale survive), and fails with the text itself when it is not what was expected.
 */
final class JsonText {

    private JsonText() {
    }

    static JsonObject object(String text) {
        JsonValue value = value(text);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new AssertionFailedError("Expected a JSON object but got: " + text);
        }
        return value.asJsonObject();
    }

    static JsonArray array(String text) {
        JsonValue value = value(text);
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new AssertionFailedError("Expected a JSON array but got: " + text);
        }
        return value.asJsonArray();
    }

    /** The strings of an array of strings, in order. */
    static List<String> strings(JsonArray array) {
        List<String> strings = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            if (!(value instanceof JsonString string)) {
                throw new AssertionFailedError("Expected an array of strings but got: " + array);
            }
            strings.add(string.getString());
        }
        return strings;
    }

    /** The field names of an object, in the order they were written. */
    static List<String> fieldNames(JsonObject object) {
        return new ArrayList<>(object.keySet());
    }

    private static JsonValue value(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw new AssertionFailedError("Expected JSON but got: " + text, e);
        }
    }
}
