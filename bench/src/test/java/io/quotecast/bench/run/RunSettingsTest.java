package io.quotecast.bench.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A misspelt option must stop the run before it starts, not leave a default in its place. */
class RunSettingsTest {

    @Test
    void knownOptionsAreTaken() {
        RunSettings settings = RunSettings.from(new String[] {"--connections", "2000", "--order=ABC", "--abort-if-busy"}, "x");

        assertEquals(2000, settings.throughputConnections());
        assertEquals("ABC", settings.order());
        assertTrue(settings.abortIfBusy());
    }

    @Test
    void anUnknownOptionIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunSettings.from(new String[] {"--conections", "2000", "--help"}, "x"));

        assertEquals("Unknown option(s) [--conections, --help]; the options are listed in docs/benchmarks.md", e.getMessage());
    }
}
