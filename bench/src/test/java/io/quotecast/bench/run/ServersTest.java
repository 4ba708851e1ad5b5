package io.quotecast.bench.run;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM servers' collector: the recommended one unless the run's options choose another. A's
 * feed: each tick's prices in one message, whichever way it is fed, unless told otherwise. P's
 * domain: the same JVM options as A's, no data grid, its settings in the environment.
 */
class ServersTest {

    @Test
    void theJvmServersGetTheParallelCollectorByDefault() {
        assertEquals(List.of("-XX:+UseParallelGC"), Servers.collector(""));
        assertEquals(List.of("-XX:+UseParallelGC"), Servers.collector("-Xlog:gc:file=/tmp/gc.log -XX:+UseTransparentHugePages"));
    }

    @Test
    void aCollectorChosenForTheRunReplacesIt() {
        assertEquals(List.of(), Servers.collector("-XX:+UseSerialGC"));
        assertEquals(List.of(), Servers.collector("-Xlog:gc -XX:+UseZGC -XX:+PreserveFramePointer"));
        assertEquals(List.of(), Servers.collector("-XX:+UseG1GC -XX:MaxGCPauseMillis=10"));
    }

    @Test
    void theRunDescribesWhatTheJvmServersWereGiven() {
        assertEquals("-XX:+AlwaysPreTouch -XX:+UseParallelGC", Servers.jvmOptions(""));
        assertEquals("-XX:+AlwaysPreTouch -XX:+UseSerialGC -Xlog:gc", Servers.jvmOptions(" -XX:+UseSerialGC -Xlog:gc "));
    }

    @Test
    void eachFeedOfASendsATicksPricesInOneMessageUnlessToldOtherwise() {
        RunSettings batched = RunSettings.from(new String[] {"--tick-ms", "20"}, "x");
        assertEquals(List.of("-Dquotecast.feed.simulated.rate=2000", "-Dquotecast.feed.simulated.tick-ms=20"),
                Servers.feedOptions(batched, 2000), "the simulated feed batches by default");
        RunSettings single = RunSettings.from(new String[] {"--feed-batch", "false"}, "x");
        assertEquals("-Dquotecast.feed.simulated.batch=false", Servers.feedOptions(single, 2000).get(2));

        RunSettings external = RunSettings.from(new String[] {"--feed", "external", "--tick-ms", "20"}, "x");
        List<String> publisher = Servers.publisherCommand(external, 2000);
        assertEquals(List.of("-Dquotecast.feed.simulated=false"), Servers.feedOptions(external, 2000));
        assertEquals(List.of("--rate", "2000", "--report-seconds", "10", "--batch-ms", "20"),
                publisher.subList(publisher.size() - 6, publisher.size()));
        List<String> externalSingle = Servers.publisherCommand(
                RunSettings.from(new String[] {"--feed", "external", "--feed-batch", "false"}, "x"), 2000);
        assertFalse(externalSingle.contains("--batch-ms"), externalSingle::toString);
    }

    private static final String TEMPLATE = """
            <hazelcast-config-specific-configuration></hazelcast-config-specific-configuration>
                <jvm-options>-Xmx512m</jvm-options>
                <jvm-options>-XX:NewRatio=2</jvm-options>
            <hazelcast-config-specific-configuration config-specific-data-grid-start-port="${HZ_LISTENER_PORT}"></hazelcast-config-specific-configuration>
                <jvm-options>-Xmx512m</jvm-options>
            """;

    @Test
    void payarasDomainRunsWithTheJvmOptionsOfAAndWithoutItsDataGrid() {
        String xml = Servers.payaraDomainXml(TEMPLATE, "1g", "-Xlog:gc");

        assertEquals("""
                <hazelcast-config-specific-configuration enabled="false"></hazelcast-config-specific-configuration>
                    <jvm-options>-Xms1g</jvm-options><jvm-options>-Xmx1g</jvm-options><jvm-options>-XX:+AlwaysPreTouch</jvm-options>\
                <jvm-options>-XX:+UseParallelGC</jvm-options><jvm-options>-Xlog:gc</jvm-options>
                    <jvm-options>-XX:NewRatio=2</jvm-options>
                <hazelcast-config-specific-configuration config-specific-data-grid-start-port="${HZ_LISTENER_PORT}"></hazelcast-config-specific-configuration>
                    <jvm-options>-Xmx512m</jvm-options>
                """, xml, "the server's configuration only, the first in the file; default-config stays as it was");
    }

    @Test
    void aPayaraTemplateWithoutTheExpectedOptionsStopsTheRunRatherThanRunningWithItsDefaults() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Servers.payaraDomainXml("<jvm-options>-Xmx2g</jvm-options>", "1g", ""));
        assertTrue(e.getMessage().startsWith("Payara's domain template has changed"), e::getMessage);
    }

    @Test
    void quotecastOnPayaraGetsItsSettingsAsEnvironmentVariables() {
        assertEquals(Map.of("QUOTECAST_DEMO", "true", "QUOTECAST_FEED_SIMULATED_TICK_MS", "10",
                        "QUOTECAST_CATALOG_FILE", "/tmp/a=b.csv"),
                Servers.environmentOf(List.of("-Dquotecast.demo=true", "-Dquotecast.feed.simulated.tick-ms=10",
                        "-Dquotecast.catalog.file=/tmp/a=b.csv")));
        assertThrows(IllegalArgumentException.class, () -> Servers.environmentOf(List.of("-Xmx1g")));
    }
}
