package io.quotecast.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quotecast.bench.load.LoadGenerator;
import io.quotecast.bench.load.LoadSettings;
import io.quotecast.bench.load.Losses;
import io.quotecast.bench.load.Reconnecting;
import io.quotecast.bench.load.Window;
import io.quotecast.it.Await;

/**
 * Failover and draining under a crowd: {@value #CROWD} WebSocket clients (the benchmark's load
 * generator, one symbol each, from {@value #SOURCE_ADDRESSES} loopback addresses) connect through
 * the balancer, half to each node, and come back as the page does (its backoff, docs/client.md)
 * when their connection ends. After {@code kill -9} of one node, every one of its clients must be
 * subscribed on the other with a quote since, the other's clients must keep their connections,
 * and no client may see a price twice or out of order; then the killed node is started again and
 * the other drained, and the whole crowd must move back, told 1001 Going Away over the seconds the
 * drain spreads its closes over. {@link FailoverIT}
 * proves the prices themselves with a few clients; this proves the moves hold for a thousand
 * clients and more at once, and prints how long they took and what they cost the node that took
 * them. Both nodes are running again afterwards, so the topology is whole for the next test class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverAtScaleIT {

    static final int CROWD = 2_000;
    /** 200 clients per address and node: under the per-address cap (500) even with all on one node. */
    static final int SOURCE_ADDRESSES = 10;
    static final Duration COMEBACK_BOUND = Duration.ofSeconds(90);
    static final int GOING_AWAY = 1001;
    /**
     * A drain closes its sessions in slices over {@code quotecast.drain.spread-seconds} (5 by
     * default), so its clients lose their connections over nearly that long; all at once, they
     * lose them within a fraction of a second. Half the spread, as clients read late or early.
     */
    static final Duration SPREAD_AT_LEAST = Duration.ofMillis(2_500);
    /** What the generator counts for a connection that ended without a close frame (RFC 6455). */
    static final int ABNORMAL_CLOSURE = 1006;
    /** 40 prices a second over 20 symbols, 2 quotes a second for each client: the moves, not the load, are under test. */
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "AMZN", "GOOGL", "META", "NVDA", "TSLA", "AVGO",
            "ADBE", "CSCO", "INTC", "AMD", "QCOM", "TXN", "NFLX", "PEP", "COST", "ORCL", "IBM", "JPM");

    private static Topology topology;
    private static TestFeed feed;
    private static LoadGenerator crowd;
    private static boolean node2Killed;
    private static boolean node1Drained;

    @BeforeAll
    static void feedTheBrokerAndConnectTheCrowdThroughTheBalancer() throws InterruptedException {
        topology = new Topology();
        feed = new TestFeed(topology.brokerUrl(), SYMBOLS);
        feed.resume();
        topology.awaitBothNodesReady(Duration.ofSeconds(120),
                () -> "published " + feed.publishedCount() + ", failed " + feed.failures());
        LoadSettings settings = new LoadSettings(topology.lbWebSocket(), CROWD, 1, 0, false, SOURCE_ADDRESSES, 2, 1,
                200, Duration.ofSeconds(120)).withSymbols(SYMBOLS);
        crowd = new LoadGenerator(settings, Reconnecting.likeThePage("X-Quotecast-Node"));
        crowd.open();
        Await.until("the whole crowd live with a quote", Duration.ofSeconds(60),
                () -> crowd.liveAndQuoted() == CROWD, () -> crowd.liveByNode() + ", failed " + crowd.failed());
    }

    @AfterAll
    static void disconnectAndRestartWhatWasStopped() {
        if (crowd != null) {
            crowd.close();
        }
        if (feed != null) {
            feed.close();
        }
        if (node1Drained) {
            // A drained node stays out until it restarts.
            topology.ctl("node-kill", "1");
            topology.ctl("node-start", "1");
        }
        if (node2Killed) {
            topology.ctl("node-start", "2");
        }
        topology.awaitBothNodesReady(Duration.ofSeconds(180), () -> "after restarting what the tests stopped");
    }

    @Test
    @Order(1)
    void everyClientOfAKilledNodeIsLiveOnTheOtherWithQuotesAndNoneOfTheOthersMoves() throws InterruptedException {
        Map<String, Integer> before = crowd.liveByNode();
        assertEquals(Set.of("node1", "node2"), before.keySet(), "round robin puts clients on both nodes: " + before);
        int moving = before.get("node2");
        Steady steady = Steady.measure(1);

        Move move = Move.start(1);
        topology.ctl("node-kill", "2");
        node2Killed = true;
        Moved moved = move.awaitAllOn("node1");

        assertEquals(moving, moved.comebacks().getTotalCount(),
                "only the killed node's clients came back, each once: node1's kept their connections");
        assertEquals(Map.of(ABNORMAL_CLOSURE, (long) moving), moved.window().closeCodes(),
                "the killed node's connections dropped without a close frame, and only those");
        moved.assertIntact();
        moved.print("kill -9 of node2", steady);
    }

    @Test
    @Order(2)
    void everyClientOfADrainedNodeIsToldGoingAwayAndIsLiveOnTheOtherWithQuotes() throws InterruptedException {
        if (node2Killed) {
            topology.ctl("node-start", "2");
            node2Killed = false;
        }
        Await.until("node2 ready", Duration.ofSeconds(120), () -> Topology.status(topology.node(2, "api/health")) == 200);
        Await.until("the balancer sends to node2 again", Duration.ofSeconds(30),
                () -> "node2".equals(Topology.answeringNode(topology.lb("api/health"))));
        int moving = crowd.liveByNode().getOrDefault("node1", 0);
        assertTrue(moving > 0, () -> "clients on node1 to drain: " + crowd.liveByNode());
        Steady steady = Steady.measure(2);
        long closedWithGoingAway = closedBy(1, GOING_AWAY);

        Move move = Move.start(2);
        assertEquals("DRAINING", Topology.post(topology.node(1, "api/health/drain")).getString("status"));
        node1Drained = true;
        Moved moved = move.awaitAllOn("node2");

        assertEquals(moving, moved.comebacks().getTotalCount(), "every drained client came back, each once");
        assertEquals(moving, moved.losses().count(), "every drained client lost its connection, each once");
        assertTrue(moved.losses().span().compareTo(SPREAD_AT_LEAST) >= 0,
                () -> "the node spread its closes (quotecast.drain.spread-seconds, 5: the last slice 4.9 s after the first), "
                        + "so its clients lost their connections over " + moved.losses().span().toMillis() + " ms");
        assertEquals(moving, closedBy(1, GOING_AWAY) - closedWithGoingAway, "sessions node1 closed with 1001");
        // Each client read the 1001: before a draining node stopped pinging, a pong crossing the
        // close frame drew a reset from HAProxy that could overtake it (docs/deployment.md, "Draining").
        assertEquals(Map.of(GOING_AWAY, (long) moving), moved.window().closeCodes(),
                "every drained client told 1001 Going Away, none reset by the balancer");
        moved.assertIntact();
        moved.print("drain of node1", steady);
    }

    /** How many sessions node {@code n} has closed with {@code code}, by its own count ({@code /api/stats}). */
    private static long closedBy(int n, int code) {
        JsonObject stats = Topology.json(topology.node(n, "api/stats")).asJsonObject();
        JsonNumber count = stats.getJsonObject("sessionsClosedBy").getJsonNumber(String.valueOf(code));
        return count == null ? 0 : count.longValue();
    }

    /** Three seconds of the crowd before a move, and what they cost node {@code n}: its CPU at rest. */
    private record Steady(Window window, long cpuMillis) {

        static Steady measure(int node) throws InterruptedException {
            long cpuBefore = topology.cpuMillis(node);
            Window window = crowd.measure(Duration.ofSeconds(3));
            return new Steady(window, topology.cpuMillis(node) - cpuBefore);
        }

        double cpuMillisPerSecond() {
            return cpuMillis / window.seconds();
        }
    }

    /** A move of the crowd under way: from its start, what the clients see and what node {@code taker} spends. */
    private record Move(int taker, LoadGenerator.Measuring window, Histogram comebacksBefore, int triesBefore,
                        long cpuBefore, long started) {

        static Move start(int taker) throws InterruptedException {
            crowd.takeLosses();
            return new Move(taker, crowd.startMeasuring(), crowd.comebackMillis(), crowd.reconnections(),
                    topology.cpuMillis(taker), System.nanoTime());
        }

        Moved awaitAllOn(String node) throws InterruptedException {
            Duration allBack = Await.until("every client live on " + node + " with a quote since it came back",
                    COMEBACK_BOUND, () -> crowd.liveByNode().equals(Map.of(node, CROWD)) && crowd.liveAndQuoted() == CROWD,
                    () -> crowd.liveByNode() + ", " + crowd.liveAndQuoted() + " with a quote, "
                            + (crowd.reconnections() - triesBefore) + " tries");
            long cpu = topology.cpuMillis(taker) - cpuBefore;
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Histogram comebacks = crowd.comebackMillis();
            comebacks.subtract(comebacksBefore);
            return new Moved(taker, window.stop(), comebacks, crowd.takeLosses(), crowd.reconnections() - triesBefore,
                    allBack, took, cpu);
        }
    }

    /** A move done: every client live on the taking node with a quote. */
    private record Moved(int taker, Window window, Histogram comebacks, Losses losses, int tries, Duration allBack,
                         Duration took, long cpuMillis) {

        void assertIntact() {
            assertEquals(0, window.duplicates(), "quotes seen twice");
            assertEquals(0, window.reorders(), "quotes out of order");
            assertEquals(0, window.unparsable(), "quotes the clients could not read");
            assertEquals(0, window.errors(), () -> "error frames: " + window.errorCodes());
            assertTrue(window.quotes() > 0, "quotes counted");
        }

        /** The figures docs/deployment.md quotes: how long the move took and what it cost beyond the node's rest. */
        void print(String what, Steady steady) {
            long extra = Math.round(cpuMillis - steady.cpuMillisPerSecond() * took.toNanos() / 1e9);
            System.out.printf("FailoverAtScaleIT: %s: %d clients moved, all %d live on node%d with a quote %d ms after it "
                            + "(%d tries); connections lost over %d ms; per client, lost to subscribed again: p50 %d ms, p99 %d ms, max %d ms; "
                            + "node%d used %d ms of CPU meanwhile, %d ms more than at rest (%d ms/s for %d clients), "
                            + "%.2f ms per client moved; %d quotes, %d seq gaps (conflated); close codes %s%n",
                    what, comebacks.getTotalCount(), CROWD, taker, allBack.toMillis(), tries, losses.span().toMillis(),
                    comebacks.getValueAtPercentile(50), comebacks.getValueAtPercentile(99), comebacks.getMaxValue(),
                    taker, cpuMillis, extra, Math.round(steady.cpuMillisPerSecond()), steady.window().open(),
                    (double) extra / Math.max(1, comebacks.getTotalCount()), window.quotes(), window.gaps(),
                    window.closeCodes());
        }
    }
}
