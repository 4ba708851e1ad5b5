package io.quotecast.bench.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.quotecast.bench.Args;

/**
 * Everything a run can be told (see bench/README.md and docs/benchmarks.md), with the full-size
 * workloads of issue #5 as defaults. Sizes scale down with options for a shorter pass.
 */
public record RunSettings(
        String order, List<String> workloads, int serverCore, int clientCore, String serverJvmOptions,
        Path wildflyHome, String wildflyConfig, Path ear, Path payaraHome, int payaraPortBase, String feed, boolean feedBatch, Path publisherJar, int portOffset, Path nodeScript,
        int nodePort, int nettyPort, String heap,
        int tickMillis, Duration warmupJvm, Duration warmupNode, Duration measure, int repeats,
        int throughputConnections, List<Integer> throughputRates, double p99LimitMillis, double deliveryFloor,
        List<Double> latencyFractions,
        List<Integer> connectionSteps, double connectionRatePerClient, double connectionsP99LimitMillis,
        int slowConnections, int slowRate, double slowFraction, Duration slowFor,
        int maxRateConnections, int maxRateFeed, int maxRate,
        double idleThreshold, Duration idleWait, boolean abortIfBusy, int clientThreads, int clientPollMicros,
        Path results, List<Path> alsoReport, Path markdown, Path charts, String command) {

    public static RunSettings from(String[] argv, String command) {
        Args a = new Args(argv);
        Path bench = Path.of(a.text("bench-dir", "bench")).toAbsolutePath();
        RunSettings settings = new RunSettings(
                order(a.text("order", "ABCCBA")),
                List.of(a.text("workloads", "throughput,latency,connections,slow,maxrate").split(",")),
                a.integer("server-core", 0), a.integer("client-core", 1), a.text("server-jvm-options", ""),
                Path.of(a.text("wildfly-home", bench.resolve("target/wildfly-39.0.1.Final").toString())).toAbsolutePath(),
                a.text("wildfly-config", "standalone-quotecast.xml"),
                Path.of(a.text("ear", bench.resolve("target/quotecast.ear").toString())).toAbsolutePath(),
                Path.of(a.text("payara-home", bench.resolve("target/payara6").toString())).toAbsolutePath(),
                a.integer("payara-port-base", 20300),
                feed(a.text("feed", "simulated")), bool("feed-batch", a.text("feed-batch", "true")),
                Path.of(a.text("publisher-jar", bench.resolve("../publisher/target/quotecast-publisher.jar").toString()))
                        .toAbsolutePath().normalize(),
                a.integer("port-offset", 300),
                Path.of(a.text("node-peer", bench.resolve("src/main/node/ws-peer.js").toString())).toAbsolutePath(),
                a.integer("node-port", 9301), a.integer("netty-port", 9302), a.text("heap", "1g"),
                a.integer("tick-ms", 10),
                Duration.ofSeconds(a.integer("warmup-jvm", 40)), Duration.ofSeconds(a.integer("warmup-node", 10)),
                Duration.ofSeconds(a.integer("measure", 10)), a.integer("repeats", 3),
                a.integer("connections", 10_000), integers(a.text("rates", "10,20,30,40,60,80,100,120")),
                a.decimal("p99-limit-ms", 100), a.decimal("delivery-floor", 0.9999),
                decimals(a.text("latency-fractions", "0.25,0.5,0.8")),
                integers(a.text("connection-steps", "2000,5000,10000,15000,19000")),
                a.decimal("connection-rate", 5), a.decimal("connections-p99-limit-ms", 50),
                a.integer("slow-connections", 10_000), a.integer("slow-rate", 20), a.decimal("slow-fraction", 0.01),
                Duration.ofSeconds(a.integer("slow-seconds", 30)),
                a.integer("maxrate-connections", 10_000), a.integer("maxrate-feed", 2000), a.integer("maxrate", 5),
                a.decimal("idle-threshold", 0.25), Duration.ofSeconds(a.integer("idle-wait", 60)), a.flag("abort-if-busy"),
                a.integer("client-threads", 1), a.integer("client-poll-us", 500),
                Path.of(a.text("results", bench.resolve("target/bench-results").toString())),
                a.has("also-report") ? Arrays.stream(a.text("also-report", "").split(",")).map(Path::of).toList() : List.of(),
                Path.of(a.text("markdown", "docs/benchmarks.md")),
                Path.of(a.text("charts", "docs/benchmarks")),
                command);
        a.rejectUnread();
        if (settings.order().indexOf('P') >= 0 && settings.feed().equals("external")) {
            throw new IllegalArgumentException("--feed external sends to WildFly's Artemis broker; Payara's (P) is OpenMQ");
        }
        return settings;
    }

    /** The servers a run knows (docs/benchmarks.md): A, B and C, and P, Quotecast on Payara. */
    static final String SERVERS = "ABCP";

    private static String order(String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> SERVERS.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("--order takes servers among " + SERVERS + ", was '" + value + "'");
        }
        return value;
    }

    /**
     * How A is fed: {@code simulated}, its in-process feed publishing to the embedded broker, which
     * the MDB consumes; {@code external}, the command-line publisher sending to that broker over
     * the network, as a real feed would; {@code direct}, the in-process feed handing its prices to
     * the intake without the broker, so that a run with it shows what JMS costs.
     */
    static final List<String> FEEDS = List.of("simulated", "external", "direct");

    private static String feed(String value) {
        if (!FEEDS.contains(value)) {
            throw new IllegalArgumentException("--feed must be one of " + FEEDS + ", was '" + value + "'");
        }
        return value;
    }

    private static boolean bool(String option, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + option + " must be true or false, was '" + value + "'");
        };
    }

    public boolean runs(String workload) {
        return workloads.contains(workload);
    }

    private static List<Integer> integers(String csv) {
        List<Integer> values = new ArrayList<>();
        Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(s -> values.add(Integer.parseInt(s)));
        return List.copyOf(values);
    }

    private static List<Double> decimals(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Double::parseDouble).toList();
    }
}
