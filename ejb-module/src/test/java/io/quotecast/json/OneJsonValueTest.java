package io.quotecast.json;

import jakarta.json.Json;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OneJsonValueTest {

    @Test
    void exactlyOneValueIsRead() {
        assertEquals(Optional.of(Json.createObjectBuilder().add("a", 1).build()), OneJsonValue.read(" {\"a\":1}\n"));
        assertEquals(Optional.of(Json.createValue("x")), OneJsonValue.read("\"x\""));
    }

    @Test
    void trailingContentEmptinessAndBadSyntaxAreRefused() {
        for (String text : new String[] {"{\"a\":1} garbage", "{\"a\":1}{\"b\":2}", "{\"a\":1}]", "", "  ", "{", "[1,",
                "[".repeat(100_000), null}) {
            assertEquals(Optional.empty(), OneJsonValue.read(text), () -> "" + text);
        }
    }
}
