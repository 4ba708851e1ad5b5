package io.quotecast.bench.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void aIsFedInProcessThroughTheBrokerUnlessToldOtherwise() {
        assertEquals("simulated", RunSettings.from(new String[0], "x").feed());
        assertEquals("external", RunSettings.from(new String[] {"--feed", "external"}, "x").feed());
        assertEquals("direct", RunSettings.from(new String[] {"--feed=direct"}, "x").feed());
    }

    @Test
    void anUnknownFeedIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunSettings.from(new String[] {"--feed", "jms"}, "x"));

        assertEquals("--feed must be one of [simulated, external, direct], was 'jms'", e.getMessage());
    }

    @Test
    void theFeedBatchesUnlessToldOtherwiseAndAnythingButTrueOrFalseIsRefused() {
        assertTrue(RunSettings.from(new String[0], "x").feedBatch());
        assertFalse(RunSettings.from(new String[] {"--feed-batch", "false"}, "x").feedBatch());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunSettings.from(new String[] {"--feed-batch", "no"}, "x"));
        assertEquals("--feed-batch must be true or false, was 'no'", e.getMessage());
    }

    @Test
    void anOrderOfUnknownServersIsRefusedAndPayaraIsNotFedFromOutside() {
        assertEquals("APPA", RunSettings.from(new String[] {"--order", "APPA"}, "x").order());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RunSettings.from(new String[] {"--order", "ABD"}, "x"));
        assertEquals("--order takes servers among ABCP, was 'ABD'", unknown.getMessage());

        IllegalArgumentException external = assertThrows(IllegalArgumentException.class,
                () -> RunSettings.from(new String[] {"--order", "AP", "--feed", "external"}, "x"));
        assertTrue(external.getMessage().startsWith("--feed external sends to WildFly's Artemis broker"), external::getMessage);
    }
}
