package io.quotecast.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.quotecast.it.Await;

/**
 * The topology the build brought up with cluster/ctl.sh (broker, two WildFly nodes, HAProxy, and
 * a Payara node while a test runs one), as the tests see it: its addresses, and ctl.sh's commands
 * to kill, stop and start its parts. Every command is bounded in time; the build's
 * post-integration-test takes everything down whatever the tests leave.
 */
final class Topology {

    static final Duration COMMAND_BOUND = Duration.ofSeconds(240);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path ctl = Path.of(property("quotecast.cluster.ctl"));
    final Path dir = Path.of(property("quotecast.cluster.dir"));
    final int brokerPort = Integer.parseInt(property("quotecast.cluster.broker-port"));
    final int lbPort = Integer.parseInt(property("quotecast.cluster.lb-port"));
    final int payaraPortBase = Integer.parseInt(property("quotecast.cluster.payara-portbase"));
    private final String tlsPassword = property("quotecast.cluster.tls-password");
    final List<Integer> nodeOffsets = offsets(property("quotecast.cluster.node-offsets"));

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set (src-it/cluster/pom.xml sets it)");
        }
        return value.trim();
    }

    private static List<Integer> offsets(String text) {
        List<Integer> offsets = new ArrayList<>();
        for (String part : text.trim().split("\\s+")) {
            offsets.add(Integer.parseInt(part));
        }
        return List.copyOf(offsets);
    }

    /** As the publisher of ctl.sh connects: TLS, trusting the certificate ctl.sh made for the broker. */
    String brokerUrl() {
        return plainBrokerUrl() + "?sslEnabled=true&trustStorePath=" + dir.resolve("tls/trust.p12")
                + "&trustStorePassword=" + tlsPassword + "&trustStoreType=PKCS12";
    }

    /** The broker's address without TLS, which it refuses. */
    String plainBrokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    URI lb(String path) {
        return URI.create("http://127.0.0.1:" + lbPort + "/quotecast/" + path);
    }

    URI lbWebSocket() {
        return URI.create("ws://127.0.0.1:" + lbPort + "/quotecast/ws/quotes");
    }

    /** Node {@code n} (1-based), directly, not through the balancer. */
    URI node(int n, String path) {
        return URI.create("http://127.0.0.1:" + (8080 + nodeOffsets.get(n - 1)) + "/quotecast/" + path);
    }

    URI nodeWebSocket(int n) {
        return URI.create("ws://127.0.0.1:" + (8080 + nodeOffsets.get(n - 1)) + "/quotecast/ws/quotes");
    }

    /** The Payara node of {@code ctl.sh payara-start}: its HTTP listener is the port base + 80. */
    URI payara(String path) {
        return URI.create("http://127.0.0.1:" + (payaraPortBase + 80) + "/quotecast/" + path);
    }

    URI payaraWebSocket() {
        return URI.create("ws://127.0.0.1:" + (payaraPortBase + 80) + "/quotecast/ws/quotes");
    }

    /** The HAProxy server name of node {@code n}, as its X-Quotecast-Node header says. */
    static String nodeName(int n) {
        return "node" + n;
    }

    /** Runs {@code cluster/ctl.sh args}; fails the test with the command's output if it fails. */
    void ctl(String... args) {
        ctlOutput(args);
    }

    /** As {@link #ctl}, and returns what the command printed. */
    String ctlOutput(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", ctl.toString()));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(dir, "ctl-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", args) + " did not finish within " + COMMAND_BOUND
                        + ": " + Files.readString(output));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", args) + " failed: " + Files.readString(output));
            }
            return Files.readString(output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /**
     * The CPU time node {@code n}'s JVM has used so far, user and system, in milliseconds: from
     * {@code /proc/<pid>/stat}, the pid from the file {@code standalone.sh} wrote
     * ({@code JBOSS_PIDFILE}), in the kernel's clock ticks of 10 ms ({@code USER_HZ}, 100 on Linux).
     */
    long cpuMillis(int n) {
        try {
            String pid = Files.readString(dir.resolve("node" + n + ".pid")).trim();
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // After the command name in parentheses: state is field 3, utime 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("cannot read node" + n + "'s CPU time", e);
        }
    }

    /**
     * Waits until both WildFly nodes answer ready and the balancer sends to each: it takes a node
     * back two health checks after the node is ready, and a test that connects its clients in
     * between finds them all on the other node. {@code state} says what is going on meanwhile.
     */
    void awaitBothNodesReady(Duration bound, Supplier<String> state) {
        Await.until("both nodes ready", bound,
                () -> status(node(1, "api/health")) == 200 && status(node(2, "api/health")) == 200, state);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        Await.until("the balancer sending to both nodes", Duration.ofSeconds(30), () -> {
            String node = answeringNode(lb("api/health"));
            if (node != null) {
                answered.add(node);
            }
            return answered.containsAll(Set.of(nodeName(1), nodeName(2)));
        }, () -> "answered by " + answered);
    }

    /** Which node answered a GET through the balancer (its {@code X-Quotecast-Node} header), or null. */
    static String answeringNode(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).headers().firstValue("X-Quotecast-Node").orElse(null);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The HTTP status of a GET, or -1 if nothing answered. */
    static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Fails unless the node's {@code api/quotes} at {@code uri} holds exactly these prices. */
    static void assertServes(URI uri, Map<String, TestFeed.Tick> last) {
        Map<String, JsonObject> served = new HashMap<>();
        json(uri).asJsonArray().getValuesAs(JsonObject.class).forEach(q -> served.put(q.getString("symbol"), q));
        for (TestFeed.Tick tick : last.values()) {
            JsonObject quote = served.get(tick.symbol());
            assertNotNull(quote, () -> uri + " has no price of " + tick.symbol());
            assertEquals(tick.volume(), quote.getJsonNumber("volume").longValue(), tick.symbol());
            assertEquals(0, tick.price().compareTo(quote.getJsonNumber("price").bigDecimalValue()), tick.symbol());
        }
    }

    static JsonStructure json(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                return reader.read();
            }
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static JsonObject post(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new AssertionError("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new AssertionError("POST " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
