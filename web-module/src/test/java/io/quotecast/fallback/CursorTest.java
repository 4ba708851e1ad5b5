package io.quotecast.fallback;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CursorTest {

    @Test
    void roundTripsThroughItsText() {
        Cursor cursor = new Cursor("1bo9j04oa62hb", 1432);
        assertEquals("1bo9j04oa62hb-1432", cursor.text());
        assertEquals(Optional.of(cursor), Cursor.parse(cursor.text()));
    }

    @Test
    void anythingElseIsNotACursor() {
        for (String text : new String[] {null, "", "12", "-12", "abc-", "ABC-12", "abc-12-3", "abc-1x",
                "a".repeat(14) + "-1", "abc-" + "9".repeat(19), "x".repeat(41)}) {
            assertEquals(Optional.empty(), Cursor.parse(text), () -> "'" + text + "'");
        }
    }
}
