package io.quotecast.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.glassfish.tyrus.client.ClientManager;
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
import io.quotecast.feed.PriceMessageFormat;
import io.quotecast.it.Await;
import io.quotecast.quote.PriceTick;

/**
 * The same EAR on Payara Server as a node of the shared broker (docs/deployment.md, "An external
 * broker for Payara"): {@code ctl.sh payara-start} deploys the Artemis resource adapter
 * (artemis-rar) beside the EAR and binds the price feed's MDB to it with a deployment plan, over
 * TLS to the broker the WildFly nodes use. The node must start from the broker's snapshot, take
 * prices from the broker exactly as a WildFly node does, come back by itself after a broker
 * restart, restart cleanly while the feed runs, apply a burst in order, and, drained or killed
 * behind the balancer, hand its clients over to the WildFly nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraNodeIT {

    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "IBM", "NVDA");
    static final Duration DELIVERY_BOUND = Duration.ofSeconds(15);
    /** Tests 6 and 7's clients through the balancer, about a third of them on the Payara node. */
    static final int CROWD = 300;

    private static Topology topology;
    private static TestFeed feed;
    private static ClientManager container;
    private static ScheduledExecutorService scheduler;
    private static Map<String, TestFeed.Tick> beforeStart;
    private static long startedNanos;

    @BeforeAll
    static void publishThenStartAPayaraNodeOnTheBroker() {
        topology = new Topology();
        feed = new TestFeed(topology.brokerUrl(), SYMBOLS);
        feed.resume();
        Await.until("prices of every symbol published", Duration.ofSeconds(30),
                () -> feed.last().keySet().containsAll(SYMBOLS), () -> "failures " + feed.failures());
        // Nothing is published while the node starts: whatever it knows then came from the snapshot.
        feed.pause();
        beforeStart = feed.last();
        startedNanos = System.nanoTime();
        topology.ctl("payara-start");
        container = ClientManager.createClient();
        scheduler = Executors.newScheduledThreadPool(2);
    }

    @AfterAll
    static void stopThePayaraNode() {
        if (feed != null) {
            feed.close();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (container != null) {
            container.shutdown();
        }
        if (topology != null) {
            topology.ctl("payara-stop");
        }
    }

    @Test
    @Order(1)
    void thePayaraNodeIsReadyWithTheBrokersSnapshot() {
        Await.until("the Payara node ready", Duration.ofSeconds(120),
                () -> Topology.status(topology.payara("api/health")) == 200);
        long readyMillis = (System.nanoTime() - startedNanos) / 1_000_000;

        Topology.assertServes(topology.payara("api/quotes"), beforeStart);
        JsonObject stats = Topology.json(topology.payara("api/stats")).asJsonObject();
        assertTrue(stats.getJsonNumber("snapshotQuotes").longValue() >= SYMBOLS.size(), stats::toString);
        try (FeedClient client = new FeedClient(container, scheduler, topology.payaraWebSocket(), SYMBOLS)) {
            Await.until("a client of the Payara node live", DELIVERY_BOUND, client::live, client::toString);
            assertTrue(client.showsExactly(beforeStart), () -> client.shownPrices() + " vs " + beforeStart);
        }
        System.out.printf("PayaraNodeIT: Payara node deployed and ready with the snapshot %d ms after payara-start began%n",
                readyMillis);
    }

    @Test
    @Order(2)
    void clientsOfThePayaraAndOfAWildFlyNodeReceiveTheSamePricesExactlyOnce() {
        try (FeedClient onPayara = new FeedClient(container, scheduler, topology.payaraWebSocket(), SYMBOLS);
                FeedClient onWildFly = new FeedClient(container, scheduler, topology.nodeWebSocket(1), SYMBOLS)) {
            Await.until("both clients live", DELIVERY_BOUND, () -> onPayara.live() && onWildFly.live(),
                    () -> onPayara + " / " + onWildFly);
            int from = feed.publishedCount();
            feed.resume();
            Await.until("120 more prices published", Duration.ofSeconds(20), () -> feed.publishedCount() >= from + 120);
            feed.pause();
            Map<String, TestFeed.Tick> last = feed.last();
            Await.until("both clients show the last published prices", DELIVERY_BOUND,
                    () -> onPayara.showsExactly(last) && onWildFly.showsExactly(last),
                    () -> onPayara.shownPrices() + " / " + onWildFly.shownPrices() + " vs " + last);
            for (FeedClient client : List.of(onPayara, onWildFly)) {
                List<Long> volumes = client.quoteVolumes(client.current());
                assertEquals(volumes.size(), new HashSet<>(volumes).size(), () -> client + " got a price twice: " + volumes);
            }
            Topology.assertServes(topology.payara("api/quotes"), last);
        }
    }

    @Test
    @Order(3)
    void afterABrokerRestartThePayaraNodeSaysStaleThenDeliversAgainByItself() {
        try (FeedClient client = new FeedClient(container, scheduler, topology.payaraWebSocket(), SYMBOLS)) {
            feed.resume();
            Await.until("a client of the Payara node live", DELIVERY_BOUND, client::live, client::toString);
            int connections = client.connections().size();

            topology.ctl("broker-stop");
            Await.until("the client told the feed is stale", Duration.ofSeconds(20),
                    () -> client.statuses().contains("stale"), client::toString);
            long newestBefore = feed.published().stream().mapToLong(TestFeed.Tick::volume).max().orElse(0);
            topology.ctl("broker-start");
            Duration resumed = Await.until("the client gets a price published after the broker came back", DELIVERY_BOUND,
                    () -> client.quoteVolumes(client.current()).stream().anyMatch(v -> v > newestBefore),
                    () -> client + ", published " + feed.publishedCount() + ", failed " + feed.failures());
            assertEquals(connections, client.connections().size(), () -> client + " reconnected");
            System.out.printf("PayaraNodeIT: delivery on the Payara node resumed %d ms after the broker was back%n",
                    resumed.toMillis());
        }
    }

    /**
     * A restart with the feed running, as happens in production: the EJB module starts before
     * the WAR, so the MDB takes prices before the push side exists. They must wait in the cache,
     * not fail: before this was fixed every such price logged a SEVERE stack trace on Payara
     * ("Quote update could not be handed to the push side", 156 in one second at 100 prices/s).
     */
    @Test
    @Order(4)
    void aRestartWhileTheFeedRunsLogsNoErrorAndServesLivePrices() throws IOException {
        Path log = topology.dir.resolve("payara/quotecast-payara/logs/server.log");
        long before = Files.size(log);
        int from = feed.publishedCount();
        feed.resume();
        Await.until("prices flowing", Duration.ofSeconds(10), () -> feed.publishedCount() >= from + 40);

        topology.ctl("payara-restart");
        Await.until("the Payara node ready after its restart", Duration.ofSeconds(120),
                () -> Topology.status(topology.payara("api/health")) == 200);
        try (FeedClient client = new FeedClient(container, scheduler, topology.payaraWebSocket(), SYMBOLS)) {
            Await.until("a client of the restarted node live", DELIVERY_BOUND, client::live, client::toString);
            long newestBefore = feed.published().stream().mapToLong(TestFeed.Tick::volume).max().orElse(0);
            Await.until("the client gets prices published after it connected", DELIVERY_BOUND,
                    () -> client.quoteVolumes(client.current()).stream().anyMatch(v -> v > newestBefore), client::toString);
        }
        feed.pause();
        List<String> severe = sinceOffset(log, before).lines()
                .filter(line -> line.contains("[SEVERE]") && line.contains("[io.quotecast.")).toList();
        assertEquals(List.of(), severe, "SEVERE lines of the application in server.log since the restart");
    }

    /**
     * One consumer on every node, whatever its server: the deployment plan's {@code maxSession=1}
     * on Payara (it replaces the EAR's OpenMQ descriptor), the EAR's jboss-ejb3.xml on WildFly. A
     * burst committed at once reaches each node's subscription together; with more consumers a
     * later price would be applied before an earlier one and refused as stale.
     */
    @Test
    @Order(5)
    void aBurstIsAppliedInTheOrderSentOnThePayaraAndTheWildFlyNodes() throws JMSException {
        String symbol = "GOOGL"; // no other test of the topology publishes it
        int burst = 400;
        long firstSeq = System.currentTimeMillis() * 1000;
        Map<URI, Long> staleBefore = new HashMap<>();
        List<URI> nodes = List.of(topology.payara("api/stats"), topology.node(1, "api/stats"));
        nodes.forEach(stats -> staleBefore.put(stats, stale(stats)));

        String lastPrice = null;
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(topology.brokerUrl(), "quotecast", "quotecast");
        try (factory; JMSContext jms = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Topic topic = jms.createTopic("quotecastPrices");
            JMSProducer producer = jms.createProducer();
            for (int i = 0; i < burst; i++) {
                lastPrice = new BigDecimal(5000 + i).movePointLeft(2).toPlainString();
                TextMessage message = jms.createTextMessage(PriceMessageFormat.format(new PriceTick(symbol,
                        new BigDecimal(lastPrice), OptionalLong.of(1), OptionalLong.of(firstSeq + i), Instant.now())));
                message.setStringProperty("symbol", symbol);
                producer.send(topic, message);
            }
            jms.commit();
        }

        BigDecimal last = new BigDecimal(lastPrice);
        for (URI stats : nodes) {
            URI quote = stats.resolve("quotes/" + symbol);
            Await.until(quote + " at the burst's last price", DELIVERY_BOUND, () -> Topology.status(quote) == 200
                    && Topology.json(quote).asJsonObject().getJsonNumber("price").bigDecimalValue().compareTo(last) == 0);
            long stale = stale(stats) - staleBefore.get(stats);
            assertEquals(0, stale, () -> stats + ": " + stale + " of the burst's " + burst + " prices applied out of order");
        }
    }

    /**
     * The Payara node behind the balancer, drained as an operator does before an upgrade: its
     * clients must be told 1001 Going Away over the drain's spread ({@code quotecast.drain.spread-seconds},
     * 5 s), each once, and be subscribed on a WildFly node with a quote, no quote twice or out of
     * order, and no client of a WildFly node may move. The node is then restarted (a drained node
     * stays out until it restarts), for the next test.
     */
    @Test
    @Order(6)
    void whenThePayaraNodeIsDrainedItsClientsAreToldGoingAwayAndAreLiveOnTheWildFlyNodes() throws InterruptedException {
        Moved moved = moveThePayaraNodesClients(() -> assertEquals("DRAINING",
                Topology.post(topology.payara("api/health/drain")).getString("status")));

        moved.assertIntact();
        assertEquals(Map.of(1001, (long) moved.onPayara()), moved.seen().closeCodes(), "told 1001 Going Away, and only those");
        assertEquals(moved.onPayara(), moved.losses().count(), "each lost its connection once");
        assertTrue(moved.losses().span().compareTo(FailoverAtScaleIT.SPREAD_AT_LEAST) >= 0,
                () -> "closes spread over the drain's 5 s, not " + moved.losses().span().toMillis() + " ms");
        System.out.printf("PayaraNodeIT: %d of %d clients were on the drained Payara node; closed over %d ms, all live "
                + "on the WildFly nodes with a quote %d ms after the drain request (%s)%n", moved.onPayara(), CROWD,
                moved.losses().span().toMillis(), moved.took().toMillis(), moved.after());

        topology.ctl("payara-restart");
        Await.until("the restarted Payara node ready", Duration.ofSeconds(120),
                () -> Topology.status(topology.payara("api/health")) == 200);
    }

    /**
     * The Payara node behind the balancer, killed: the same EAR on another server must hand its
     * clients over as a WildFly node does ({@link FailoverAtScaleIT}). A crowd of clients of the
     * benchmark's load generator connects through HAProxy, some landing on the Payara node; after
     * {@code kill -9} of its JVM every one of them must be subscribed on a WildFly node with a quote,
     * with no quote twice or out of order, and no client of a WildFly node may move.
     */
    @Test
    @Order(7)
    void whenThePayaraNodeIsKilledItsClientsBehindTheBalancerAreLiveOnTheWildFlyNodes() throws InterruptedException {
        Moved moved = moveThePayaraNodesClients(() -> topology.ctl("payara-kill"));

        moved.assertIntact();
        assertEquals(Map.of(1006, (long) moved.onPayara()), moved.seen().closeCodes(),
                "dropped without a close frame, and only those");
        System.out.printf("PayaraNodeIT: %d of %d clients were on the killed Payara node; all live on the WildFly nodes "
                + "with a quote %d ms after ctl.sh payara-kill began (%s)%n", moved.onPayara(), CROWD,
                moved.took().toMillis(), moved.after());
    }

    /**
     * Tests 6 and 7: {@value #CROWD} clients of the benchmark's load generator (the page's backoff,
     * from 3 loopback addresses, one symbol each) through the balancer, live with a quote on all
     * three nodes; then {@code takeDown} takes the Payara node out, and every client must be live
     * on a WildFly node with a quote since.
     */
    private static Moved moveThePayaraNodesClients(Runnable takeDown) throws InterruptedException {
        feed.resume();
        try {
            Await.until("the balancer sends to the Payara node", Duration.ofSeconds(30),
                    () -> "payara".equals(Topology.answeringNode(topology.lb("api/health"))));
            LoadSettings settings = new LoadSettings(topology.lbWebSocket(), CROWD, 1, 0, false, 3, 2, 1, 100,
                    Duration.ofSeconds(60)).withSymbols(SYMBOLS);
            try (LoadGenerator crowd = new LoadGenerator(settings, Reconnecting.likeThePage("X-Quotecast-Node"))) {
                crowd.open();
                Await.until("the crowd live with a quote, on the Payara and the WildFly nodes", Duration.ofSeconds(60),
                        () -> crowd.liveAndQuoted() == CROWD
                                && crowd.liveByNode().keySet().equals(Set.of("node1", "node2", "payara")),
                        () -> crowd.liveByNode() + ", " + crowd.liveAndQuoted() + " with a quote");
                int onPayara = crowd.liveByNode().get("payara");
                LoadGenerator.Measuring window = crowd.startMeasuring();
                crowd.takeLosses();

                long started = System.nanoTime();
                takeDown.run();
                Await.until("every client live on a WildFly node with a quote since", Duration.ofSeconds(90),
                        () -> !crowd.liveByNode().containsKey("payara") && crowd.liveAndQuoted() == CROWD,
                        () -> crowd.liveByNode() + ", " + crowd.liveAndQuoted() + " with a quote");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                return new Moved(onPayara, window.stop(), crowd.takeLosses(), crowd.comebackMillis().getTotalCount(), took,
                        crowd.liveByNode());
            }
        } finally {
            feed.pause();
        }
    }

    /** The Payara node's clients moved: what they saw and how long it took. */
    private record Moved(int onPayara, Window seen, Losses losses, long comebacks, Duration took, Map<String, Integer> after) {

        void assertIntact() {
            assertEquals(onPayara, comebacks, "only the Payara node's clients came back, each once");
            assertEquals(0, seen.duplicates(), "quotes seen twice");
            assertEquals(0, seen.reorders(), "quotes out of order");
            assertEquals(0, seen.errors(), () -> "error frames: " + seen.errorCodes());
        }
    }

    private static long stale(URI stats) {
        return Topology.json(stats).asJsonObject().getJsonObject("feedRejectedByReason")
                .getJsonNumber("STALE_SEQUENCE").longValue();
    }

    private static String sinceOffset(Path file, long offset) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            channel.position(offset);
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
