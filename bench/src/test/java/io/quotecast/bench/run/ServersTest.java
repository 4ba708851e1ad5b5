package io.quotecast.bench.run;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JVM servers' collector: the recommended one unless the run's options choose another. */
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
}
