package io.quotecast.it;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quotecast.bench.load.LoadGenerator;
import io.quotecast.bench.load.LoadSettings;
import io.quotecast.bench.load.Window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's smoke mode against Quotecast itself (server A of docs/benchmarks.md): the
 * benchmark's load generator (bench/) for a few seconds against the deployed EAR. It proves the
 * harness works against the real server (connections open, quotes counted, a latency per quote,
 * per-symbol seq without duplicates or reordering, and no loss: every seq a client skipped is an
 * update the server says it conflated), never how fast anything is. WildFly only: the benchmark
 * measures Quotecast on WildFly.
 *
 * <p>Unlike the peers, Quotecast conflates: a symbol updated twice while a client's write is in
 * flight reaches that client once, newest value first. So gaps are allowed here, but never more
 * than the server's {@code quotesConflated} grew since the clients connected.
 */
public class BenchSmokeIT extends DeployedEar {

    private static final int CLIENTS = 100;
    /** Fewer clients per address than the IT server's per-address cap (250). */
    private static final int SOURCE_ADDRESSES = 4;

    @Test
    void theBenchmarksLoadGeneratorCountsEveryQuoteOfEveryClient() throws Exception {
        smoke(settings());
    }

    /** The maxRate workload's clients: paced, and their quotes batched into {@code quotes} messages. */
    @Test
    void pacedAndBatchedQuotesAreCountedTooWithNoneLost() throws Exception {
        smoke(settings().withMaxRate(5).withBatch(true));
    }

    private static LoadSettings settings() throws Exception {
        // The IT server is not in demo mode: the generator logs in with the URI's user info.
        URI socket = QuotecastServer.quotesSocket();
        URI loggedIn = new URI(socket.getScheme(), "it-client:it-client-password", socket.getHost(), socket.getPort(),
                socket.getPath(), null, null);
        return new LoadSettings(loggedIn, CLIENTS, 10, 0, false, SOURCE_ADDRESSES, 2, 1, 50, Duration.ofSeconds(60));
    }

    private static void smoke(LoadSettings settings) throws Exception {
        long conflatedBefore = Api.stats().getJsonNumber("quotesConflated").longValue();
        try (LoadGenerator load = new LoadGenerator(settings)) {
            assertEquals(CLIENTS, load.open(), "clients subscribed (" + load.failed() + " failed)");
            Window window = load.measure(Duration.ofSeconds(3));
            System.out.println("[bench smoke on " + QuotecastServer.name() + "] " + window.summary());

            assertEquals(CLIENTS, window.open(), "clients still open");
            assertTrue(window.quotes() > 100, "quotes counted: " + window.quotes());
            assertEquals(window.quotes(), window.latencyMicros().getTotalCount(), "a latency per quote");
            long conflated = Api.stats().getJsonNumber("quotesConflated").longValue() - conflatedBefore;
            assertTrue(window.gaps() <= conflated,
                    "seq gaps (" + window.gaps() + ") beyond the quotes the server conflated (" + conflated + "): lost");
            assertEquals(0, window.duplicates(), "duplicates");
            assertEquals(0, window.reorders(), "reorderings");
            assertEquals(0, window.unparsable(), "quotes the generator could not read");
            assertEquals(0, window.errors(), "error frames: " + window.errorCodes());
        }
    }
}
