package io.quotecast.bench;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.quotecast.bench.load.LoadGenerator;
import io.quotecast.bench.load.LoadSettings;
import io.quotecast.bench.load.Window;
import io.quotecast.bench.peer.NettyPeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's smoke mode, in every build: the load generator against both peers for a few
 * seconds. It proves the harness works (connections open, quotes counted, seq checked, latency
 * recorded, nothing lost, duplicated or reordered), never how fast anything is.
 */
class PeersSmokeTest {

    private static final int CLIENTS = 200;
    private static final double UPDATES_PER_SECOND = 200;

    @Test
    void loadGeneratorCountsEveryQuoteOfTheNettyPeer() throws Exception {
        try (NettyPeer peer = NettyPeer.start("127.0.0.1", 0, UPDATES_PER_SECOND, 10)) {
            assertHarnessWorks(peer.port());
        }
    }

    /** The benchmark's default: the generator looks for frames every interval instead of being woken per frame. */
    @Test
    void aPollingLoadGeneratorCountsEveryQuoteToo() throws Exception {
        try (NettyPeer peer = NettyPeer.start("127.0.0.1", 0, UPDATES_PER_SECOND, 10)) {
            assertHarnessWorks(peer.port(), Duration.ofMillis(1));
        }
    }

    @Test
    void loadGeneratorCountsEveryQuoteOfTheNodeWsPeer() throws Exception {
        Path script = Path.of(System.getProperty("quotecast.bench.node-peer", "src/main/node/ws-peer.js"));
        int port = freePort();
        Process node = new ProcessBuilder("node", script.toString(), "--port", String.valueOf(port),
                "--rate", String.valueOf((int) UPDATES_PER_SECOND), "--max-seconds", "120")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.contains("listening"), "Node peer did not start: " + line);
            assertHarnessWorks(port);
        } finally {
            node.destroy();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    /** A server that drops its clients without a close frame must show in the results, not only as fewer open. */
    @Test
    void connectionsThatEndWithoutACloseFrameAreCountedAs1006() throws Exception {
        NettyPeer peer = NettyPeer.start("127.0.0.1", 0, UPDATES_PER_SECOND, 10);
        URI uri = URI.create("ws://127.0.0.1:" + peer.port() + "/quotecast/ws/quotes");
        LoadSettings settings = new LoadSettings(uri, CLIENTS, 10, 0, false, 4, 2, 1, 100, Duration.ofSeconds(30));
        try (LoadGenerator load = new LoadGenerator(settings)) {
            assertEquals(CLIENTS, load.open(), "clients subscribed");
            LoadGenerator.Measuring measuring = load.startMeasuring();

            // The peer's event loops stop: its sockets close with no close frame.
            peer.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (load.open_() > 0 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            Window window = measuring.stop();

            assertEquals(0, window.open(), "clients still open: " + window.summary());
            assertEquals(java.util.Map.of(1006, (long) CLIENTS), window.closeCodes(), window.summary());
        } finally {
            peer.close();
        }
    }

    static void assertHarnessWorks(int port) throws Exception {
        assertHarnessWorks(port, Duration.ZERO);
    }

    static void assertHarnessWorks(int port, Duration readPoll) throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/quotecast/ws/quotes");
        LoadSettings settings = new LoadSettings(uri, CLIENTS, 10, 0, false, 4, 2, 1, 100, Duration.ofSeconds(30))
                .withReadPoll(readPoll);
        try (LoadGenerator load = new LoadGenerator(settings)) {
            assertEquals(CLIENTS, load.open(), "clients subscribed");
            Window window = load.measure(Duration.ofSeconds(2));
            System.out.println("smoke, port " + port + ": " + window.summary());
            assertEquals(CLIENTS, window.open(), "clients still open");
            // 200 updates/s over 100 symbols, 20 subscribers per symbol: about 4,000 quotes/s.
            assertTrue(window.quotes() > 1_000, "quotes counted: " + window.quotes());
            assertEquals(window.quotes(), window.latencyMicros().getTotalCount(), "a latency per quote");
            assertEquals(0, window.gaps(), "updates lost");
            assertEquals(0, window.duplicates(), "duplicates");
            assertEquals(0, window.reorders(), "reorderings");
            assertEquals(0, window.unparsable(), "quotes the generator could not read");
            assertTrue(window.updatesPerSecond() > 0, "feed progress seen");
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
