package io.quotecast.bench.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The benchmark, in one go (bench/run.sh starts it, pinned to the client core): the servers in
 * the order given (A B C C B A by default), an idle check before each, every workload per
 * server, each window appended to results.tsv as it is measured, then docs/benchmarks.md and its
 * charts written from the whole file ({@link Report}).
 */
public final class Run {

    private Run() {
    }

    public static void main(String[] argv) throws Exception {
        RunSettings settings;
        try {
            settings = RunSettings.from(argv, System.getProperty("quotecast.bench.command", "bench/run.sh"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String stamp = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = settings.results().resolve("run-" + stamp);
        Files.createDirectories(dir);
        RunSettings here = withResults(settings, dir);
        writeMeta(here, dir.resolve("meta.properties"));
        Path tsv = dir.resolve("results.tsv");
        IdleCheck idleCheck = new IdleCheck(here);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(tsv, StandardCharsets.UTF_8))) {
            out.println(Row.HEADER);
            out.flush();
            for (int i = 0; i < here.order().length(); i++) {
                char server = here.order().charAt(i);
                String idle = idleCheck.await();
                System.out.println("[pass " + (i + 1) + " " + server + "] " + Servers.describe(server) + ", machine " + idle);
                try {
                    new Phase(i + 1, server, here, idle, row -> {
                        out.println(row.tsv());
                        out.flush();
                    }).run();
                } catch (IOException | RuntimeException e) {
                    System.out.println("[pass " + (i + 1) + " " + server + "] failed: " + e);
                    out.println(new Row(i + 1, server, "error", 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN,
                            Double.NaN, Double.NaN, 0, 0, 0, "{}", "{}", 0, Double.NaN, Double.NaN, Double.NaN, false,
                            idle, -1, -1, String.valueOf(e).replace('\t', ' ').replace('\n', ' ')).tsv());
                    out.flush();
                }
            }
        }
        List<Path> runs = new ArrayList<>(here.alsoReport());
        runs.add(dir);
        Report.write(runs, here.markdown(), here.charts());
        System.out.println("Results: " + tsv + "\nReport: " + here.markdown());
    }

    private static RunSettings withResults(RunSettings s, Path dir) {
        return new RunSettings(s.order(), s.workloads(), s.serverCore(), s.clientCore(), s.serverJvmOptions(), s.wildflyHome(), s.wildflyConfig(), s.ear(),
                s.payaraHome(), s.payaraPortBase(), s.feed(), s.feedBatch(), s.publisherJar(), s.portOffset(), s.nodeScript(), s.nodePort(), s.nettyPort(), s.heap(), s.tickMillis(), s.warmupJvm(),
                s.warmupNode(), s.measure(), s.repeats(), s.throughputConnections(), s.throughputRates(),
                s.p99LimitMillis(), s.deliveryFloor(), s.latencyFractions(), s.connectionSteps(),
                s.connectionRatePerClient(), s.connectionsP99LimitMillis(), s.slowConnections(), s.slowRate(),
                s.slowFraction(), s.slowFor(), s.maxRateConnections(), s.maxRateFeed(), s.maxRate(), s.idleThreshold(),
                s.idleWait(), s.abortIfBusy(), s.clientThreads(), s.clientPollMicros(), dir, s.alsoReport(), s.markdown(), s.charts(), s.command());
    }

    private static void writeMeta(RunSettings s, Path file) throws IOException {
        Properties meta = new Properties();
        meta.setProperty("date", Instant.now().toString());
        meta.setProperty("command", s.command());
        meta.setProperty("cpu", firstLine("/proc/cpuinfo", "model name").replaceFirst(".*:\\s*", ""));
        meta.setProperty("cores", String.valueOf(Runtime.getRuntime().availableProcessors()) + " available to the generator, "
                + CpuTimes.read().busy().length + " on the machine");
        meta.setProperty("memory", firstLine("/proc/meminfo", "MemTotal").replaceFirst(".*:\\s*", ""));
        meta.setProperty("kernel", read("/proc/sys/kernel/osrelease"));
        meta.setProperty("openFiles", firstLine("/proc/self/limits", "Max open files").replaceAll("\\s+", " "));
        meta.setProperty("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        meta.setProperty("node", command("node", "--version"));
        meta.setProperty("ws", read(s.nodeScript().getParent().getParent().getParent().getParent()
                .resolve("node_modules/ws/package.json").toString()).replaceAll("(?s).*\"version\":\\s*\"([^\"]+)\".*", "$1"));
        meta.setProperty("netty", io.netty.util.Version.identify().values().stream().findFirst()
                .map(v -> v.artifactVersion()).orElse("?") + " (" + io.quotecast.bench.load.LoadGenerator.transport() + ")");
        meta.setProperty("wildfly", s.wildflyHome().getFileName().toString() + " (" + s.wildflyConfig() + ", heap " + s.heap() + ")");
        if (s.order().indexOf('P') >= 0) {
            meta.setProperty("payara", Servers.payaraVersion(s.payaraHome()) + " (domain " + Servers.PAYARA_DOMAIN + ", heap " + s.heap() + ")");
        }
        meta.setProperty("jvmServers", Servers.jvmOptions(s.serverJvmOptions()));
        meta.setProperty("feed", s.feed());
        meta.setProperty("feedBatch", String.valueOf(s.feedBatch()));
        meta.setProperty("order", s.order());
        meta.setProperty("workloads", String.join(",", s.workloads()));
        // Servers starts A and C with their heap pre-touched: the report reads memory accordingly.
        meta.setProperty("heapPreTouched", "true");
        meta.setProperty("settings", s.toString().replaceFirst("^RunSettings\\[", "").replaceFirst("]$", ""));
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            meta.store(out, "Quotecast benchmark run");
        }
    }

    private static String firstLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
