package io.quotecast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingTest {

    private static final String KEY = "quotecast.test.setting-test";

    @AfterEach
    void clear() {
        System.clearProperty(KEY);
    }

    @Test
    void absentSettingGivesTheFallback() {
        assertEquals(Optional.empty(), Setting.raw(KEY));
        assertEquals("dflt", Setting.string(KEY, "dflt"));
        assertTrue(Setting.flag(KEY, true));
        assertEquals(7, Setting.integer(KEY, 7, 1, 10));
    }

    @Test
    void systemPropertyIsReadTrimmed() {
        System.setProperty(KEY, "  value \t");

        assertEquals(Optional.of("value"), Setting.raw(KEY));
        assertEquals("value", Setting.string(KEY, "dflt"));
    }

    @Test
    void blankSystemPropertyCountsAsAbsent() {
        System.setProperty(KEY, " ");

        assertEquals(Optional.empty(), Setting.raw(KEY));
        assertEquals(7, Setting.integer(KEY, 7, 1, 10));
    }

    @Test
    void flagIsTrueOnlyForTrueInAnyCase() {
        System.setProperty(KEY, "TRUE");
        assertTrue(Setting.flag(KEY, false));
        System.setProperty(KEY, "yes");
        assertFalse(Setting.flag(KEY, true));
    }

    @Test
    void integerAcceptsTheBoundsOfItsRange() {
        System.setProperty(KEY, "1");
        assertEquals(1, Setting.integer(KEY, 5, 1, 10));
        System.setProperty(KEY, "10");
        assertEquals(10, Setting.integer(KEY, 5, 1, 10));
    }

    @Test
    void integerOutsideItsRangeIsRefusedNamingKeyRangeAndValue() {
        System.setProperty(KEY, "11");

        String message = assertThrows(IllegalArgumentException.class, () -> Setting.integer(KEY, 5, 1, 10)).getMessage();

        assertEquals(KEY + " must be between 1 and 10, was 11", message);
    }

    @Test
    void integerThatIsNotAWholeNumberIsRefusedNamingKeyAndValue() {
        System.setProperty(KEY, "ten");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Setting.integer(KEY, 5, 1, 10));

        assertEquals(KEY + " must be a whole number, was 'ten'", e.getMessage());
        assertTrue(e.getCause() instanceof NumberFormatException);
    }

    @Test
    void environmentVariableIsTheFallbackWithDotsAndDashesAsUnderscores() {
        Optional<Map.Entry<String, String>> variable = System.getenv().entrySet().stream()
                .filter(e -> e.getKey().matches("[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]") && !e.getValue().isBlank())
                .findFirst();
        assumeTrue(variable.isPresent(), "no environment variable with an underscore to read");
        String name = variable.get().getKey();
        String key = name.toLowerCase(Locale.ROOT).replaceFirst("_", ".").replace('_', '-');
        assumeTrue(System.getProperty(key) == null);

        assertEquals(Optional.of(variable.get().getValue().trim()), Setting.raw(key));
    }
}
