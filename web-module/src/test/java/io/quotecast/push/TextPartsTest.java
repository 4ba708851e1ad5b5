package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextPartsTest {

    private final TextParts parts = new TextParts(10);

    @Test
    void partsMakeTheWholeMessageInOrder() {
        assertTrue(parts.add("{\"a\":"));
        assertTrue(parts.add("1}"));

        assertEquals("{\"a\":1}", parts.take());
    }

    @Test
    void aMessageOfExactlyTheLimitIsWhole() {
        assertTrue(parts.add("12345"));
        assertTrue(parts.add("67890"));

        assertEquals("1234567890", parts.take());
    }

    @Test
    void thePartThatPassesTheLimitIsRefusedAndTheMessageForgotten() {
        assertTrue(parts.add("123456"));

        assertFalse(parts.add("78901"));
        assertEquals("", parts.take());
    }

    @Test
    void theLimitCountsUtf8BytesNotCharacters() {
        // Five characters of two bytes each fit; one more byte does not.
        assertTrue(parts.add("ééééé"));
        assertFalse(parts.add("x"));
    }

    @Test
    void eachMessageStartsEmpty() {
        assertTrue(parts.add("1234567890"));
        parts.take();

        assertTrue(parts.add("abcdefghij"), "the limit is per message, not per session");
        assertEquals("abcdefghij", parts.take());
    }

    @Test
    void aHugePartIsRefusedWithoutBeingCountedToTheEnd() {
        assertFalse(parts.add("x".repeat(1_000_000)));
    }
}
