package io.quotecast.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolsTest {

    @ParameterizedTest
    @ValueSource(strings = {"A", "AAPL", "BRK.B", "BF-B", "X1", "ABCDEFGHIJKL"})
    void acceptsUpperCaseSymbolsWithDigitsDotsAndDashesUpToTwelveCharacters(String symbol) {
        assertTrue(Symbols.isValid(symbol), symbol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"aapl", "Aapl", "ABCDEFGHIJKLM", "1ABC", ".ABC", "-ABC", "", " AAPL", "AAPL ",
            "AA PL", "AAPL\n", "ÄPFEL", "AAPL*", "A/B"})
    void refusesAnythingElse(String symbol) {
        assertFalse(Symbols.isValid(symbol), symbol);
    }

    @Test
    void refusesNull() {
        assertFalse(Symbols.isValid(null));
    }

    @Test
    void refusesAVeryLongStringWithoutTrouble() {
        assertFalse(Symbols.isValid("A".repeat(1_000_000)));
    }
}
