package io.quotecast.bench.run;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The JVM servers' collector: the recommended one unless the run's options choose another. A's
 * feed: each tick's prices in one message, whichever way it is fed, unless told otherwise.
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
}
