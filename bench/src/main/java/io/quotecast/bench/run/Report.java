package io.quotecast.bench.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes the results of one run (results.tsv and meta.properties) into docs/benchmarks.md,
 * between the markers {@code <!-- results:begin -->} and {@code <!-- results:end -->} so that
 * the hand-written text around them stays, and draws the charts beside it. Can be run on its own
 * to redo the report from a results folder: {@code Report RESULTS_DIR [MARKDOWN] [CHARTS_DIR]}.
 */
public final class Report {

    static final String BEGIN = "<!-- results:begin -->";
    static final String END = "<!-- results:end -->";

    private final List<Row> rows;
    private final Properties meta;
    /** Passes of runs whose JVM servers pre-touched their heap (meta {@code heapPreTouched}). */
    private final Set<Integer> preTouched;
    private final StringBuilder md = new StringBuilder();

    private Report(List<Row> rows, Properties meta, Set<Integer> preTouched) {
        this.rows = rows;
        this.meta = meta;
        this.preTouched = preTouched;
    }

    /**
     * {@code Report MARKDOWN CHARTS_DIR RESULTS_DIR...}: several runs (e.g. the throughput passes
     * and, separately, the connection passes) go into one report, their passes numbered on.
     */
    public static void main(String[] args) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            dirs.add(Path.of(args[i]));
        }
        write(dirs, Path.of(args[0]), Path.of(args[1]));
    }

    public static void write(Path tsv, Path metaFile, Path markdown, Path charts) throws IOException {
        write(List.of(tsv.getParent()), markdown, charts);
    }

    static void write(List<Path> dirs, Path markdown, Path charts) throws IOException {
        List<Row> rows = new ArrayList<>();
        Properties meta = new Properties();
        List<String> commands = new ArrayList<>();
        Set<Integer> preTouched = new HashSet<>();
        for (Path dir : dirs) {
            int offset = rows.stream().mapToInt(Row::pass).max().orElse(0);
            for (String line : Files.readAllLines(dir.resolve("results.tsv"), StandardCharsets.UTF_8).subList(1,
                    Files.readAllLines(dir.resolve("results.tsv"), StandardCharsets.UTF_8).size())) {
                if (!line.isBlank()) {
                    Row r = Row.parse(line);
                    rows.add(new Row(r.pass() + offset, r.server(), r.workload(), r.step(), r.repeat(), r.connections(),
                            r.open(), r.nominalUpdates(), r.seenUpdates(), r.deliveries(), r.deliveryRatio(), r.p50(),
                            r.p99(), r.p999(), r.max(), r.gaps(), r.duplicates(), r.reorders(), r.errors(), r.closes(),
                            r.clientCpu(), r.serverCoreBusy(), r.clientCoreBusy(), r.foreign(), r.clientBound(), r.idle(),
                            r.rss(), r.heap(), r.note()));
                }
            }
            Properties one = new Properties();
            try (Reader in = Files.newBufferedReader(dir.resolve("meta.properties"), StandardCharsets.UTF_8)) {
                one.load(in);
            }
            if (meta.isEmpty()) {
                meta.putAll(one);
            }
            if (Boolean.parseBoolean(one.getProperty("heapPreTouched"))) {
                rows.stream().mapToInt(Row::pass).filter(p -> p > offset).forEach(preTouched::add);
            }
            commands.add(one.getProperty("command") + "    (passes from " + (offset + 1) + ")");
            meta.setProperty("settings." + commands.size(), one.getProperty("settings", ""));
        }
        meta.setProperty("command", String.join("\n    ", commands));
        meta.setProperty("runs", String.valueOf(dirs.size()));
        Report report = new Report(rows, meta, preTouched);
        String generated = report.render(markdown.toAbsolutePath().getParent().relativize(charts.toAbsolutePath()), charts);
        String existing = Files.exists(markdown) ? Files.readString(markdown, StandardCharsets.UTF_8)
                : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
        int b = existing.indexOf(BEGIN);
        int e = existing.indexOf(END);
        String out = b < 0 || e < b ? existing + "\n" + BEGIN + "\n" + generated + END + "\n"
                : existing.substring(0, b + BEGIN.length()) + "\n" + generated + existing.substring(e);
        Files.createDirectories(markdown.toAbsolutePath().getParent());
        Files.writeString(markdown, out, StandardCharsets.UTF_8);
    }

    private String render(Path chartLink, Path charts) throws IOException {
        setup();
        Map<Integer, Row> best = throughput(chartLink, charts);
        latency(best, chartLink, charts);
        connections();
        slow();
        maxRate();
        problems();
        return md.toString();
    }

    private void setup() {
        md.append("\n### This run\n\n");
        md.append("Generated by `bench/run.sh` on ").append(meta.getProperty("date")).append(". Commands:\n\n    ")
                .append(meta.getProperty("command")).append("\n\n");
        md.append("| item | value |\n| --- | --- |\n");
        for (String key : List.of("cpu", "cores", "memory", "kernel", "openFiles", "java", "node", "ws", "netty",
                "wildfly", "payara", "jvmServers", "order", "workloads")) {
            // Runs before session 13 did not record the JVM servers' options.
            String fallback = key.equals("jvmServers") ? "not recorded" : "?";
            md.append("| ").append(key).append(" | ").append(meta.getProperty(key, fallback).replace("|", "/")).append(" |\n");
        }
        for (int i = 1; meta.containsKey("settings." + i); i++) {
            md.append("\nSettings of run ").append(i).append(": `").append(meta.getProperty("settings." + i)).append("`\n");
        }
        md.append('\n');
        md.append("Idle check before each pass (a core over the threshold means someone else was using the machine):\n\n");
        md.append("| pass | server | machine before the pass |\n| --- | --- | --- |\n");
        Map<Integer, Row> firstOfPass = new TreeMap<>();
        rows.forEach(r -> firstOfPass.putIfAbsent(r.pass(), r));
        firstOfPass.forEach((pass, r) -> md.append("| ").append(pass).append(" | ").append(r.server()).append(" ")
                .append(Servers.describe(r.server())).append(" | ").append(r.idle()).append(" |\n"));
        md.append('\n');
    }

    /** Per pass, the median row of the highest step that held. */
    private Map<Integer, Row> throughput(Path link, Path charts) throws IOException {
        List<Row> tp = of("throughput");
        Map<Integer, Row> best = new TreeMap<>();
        if (tp.isEmpty()) {
            return best;
        }
        md.append("### 1. Throughput\n\n").append(tp.get(0).connections())
                .append(" clients, 10 symbols each; the feed rate steps up until p99 > ")
                .append(meta.getProperty("p99Limit", "100")).append(" ms, delivery < 99.99 %, a client is lost or the ")
                .append("feed falls behind its schedule. Every step (medians of the repeats). **client-bound** marks a step ")
                .append("whose client core was over 80 % busy; \"generator\" is how much of it the load generator itself used, ")
                .append("\"others\" what neither the server nor the generator used (other people's work on a shared machine):\n\n");
        md.append("| pass | server | feed updates/s | seen updates/s | deliveries/s | delivery | p50 ms | p99 ms | p99.9 ms | max ms"
                + " | server core | client core | generator (cores) | others (cores) | holds |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        List<Charts.Series> series = new ArrayList<>();
        for (Map.Entry<Integer, List<Row>> pass : byPass(tp).entrySet()) {
            List<double[]> points = new ArrayList<>();
            for (List<Row> step : bySteps(pass.getValue()).values()) {
                Row m = Medians.of(step);
                boolean holds = m.holds(100, 0.9999);
                if (holds) {
                    best.put(pass.getKey(), m);
                }
                points.add(new double[] {m.deliveries(), m.p99()});
                md.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.0f | %.5f | %.1f | %.1f | %.1f | %.1f | %.0f%% | %.0f%%%s | %.2f | %.2f | %s |%n",
                        m.pass(), m.server(), m.step(), m.seenUpdates(), m.deliveries(), m.deliveryRatio(), m.p50(), m.p99(),
                        m.p999(), m.max(), 100 * m.serverCoreBusy(), 100 * m.clientCoreBusy(),
                        m.clientBound() ? " **client-bound**" : "", m.clientCpu(), m.foreign(), holds ? "yes" : "no"));
            }
            char server = pass.getValue().get(0).server();
            series.add(new Charts.Series(pass.getKey() + ": " + server + " " + Servers.describe(server),
                    Charts.PALETTE[(server - 'A') % Charts.PALETTE.length], points));
        }
        Charts.lines(charts.resolve("throughput-p99.png"), "Deliveries/s against p99 latency, each step",
                "deliveries/s", "p99 ms (log)", true, series);
        md.append("\n![Deliveries/s against p99 latency](").append(link.resolve("throughput-p99.png")).append(")\n\n");
        md.append("Highest deliveries/s that held, per pass, and the ratios pair by pair (the k-th A of the order with ")
                .append("the k-th B and the k-th C):\n\n| pass | server | feed updates/s | deliveries/s | p99 ms |\n| --- | --- | ---: | ---: | ---: |\n");
        for (Map.Entry<Integer, List<Row>> pass : byPass(tp).entrySet()) {
            Row b = best.get(pass.getKey());
            char server = pass.getValue().get(0).server();
            md.append(b == null ? String.format("| %d | %s | none held | | |%n", pass.getKey(), server)
                    : String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.1f |%n", b.pass(), b.server(), b.step(),
                    b.deliveries(), b.p99()));
        }
        md.append('\n').append(ratios(best, tp));
        return best;
    }

    private String ratios(Map<Integer, Row> best, List<Row> tp) {
        Map<Character, List<Integer>> passes = new LinkedHashMap<>();
        byPass(tp).forEach((pass, list) -> passes.computeIfAbsent(list.get(0).server(), k -> new ArrayList<>()).add(pass));
        StringBuilder out = new StringBuilder("| pair | A deliveries/s | other deliveries/s | ratio |\n| --- | ---: | ---: | ---: |\n");
        List<Integer> as = passes.getOrDefault('A', List.of());
        Map<Character, List<Double>> ratios = new TreeMap<>();
        boolean unmeasured = false;
        for (char other : new char[] {'B', 'C'}) {
            List<Integer> os = passes.getOrDefault(other, List.of());
            for (int k = 0; k < Math.min(as.size(), os.size()); k++) {
                Row a = best.get(as.get(k));
                Row o = best.get(os.get(k));
                List<Double> pairs = ratios.computeIfAbsent(other, c -> new ArrayList<>());
                out.append(pairRow(as.get(k), a, other, os.get(k), o));
                if (a != null && o != null) {
                    pairs.add(a.deliveries() / o.deliveries());
                } else {
                    unmeasured = true;
                }
            }
        }
        out.append('\n');
        ratios.forEach((other, list) -> out.append(list.isEmpty()
                ? String.format("Median A/%c: not measured (no pair where both held a rate). ", other)
                : String.format(Locale.ROOT, "Median A/%c: **%.2f**. ", other,
                        Medians.median(list.stream().mapToDouble(Double::doubleValue).toArray()))));
        if (unmeasured) {
            out.append("A pair where a server held none of the rates asked has no ratio: its maximum is below the lowest ")
                    .append("rate of the ladder, not zero, so it is left out of the median.");
        }
        return out.append("\n\n").toString();
    }

    /**
     * A connections step holds as a throughput step does, and with p99 under 50 ms: a server whose
     * own feed falls behind its schedule (B's shares its one thread with the sends) would otherwise
     * hold 19,000 clients by sending them fewer quotes than they asked for.
     */
    static boolean connectionsHeld(Row median) {
        return median.holds(50, 0.9999) && median.p99() < 50;
    }

    /**
     * One pair's row: each side's highest deliveries/s that held, and their ratio; a side that
     * held none of the rates asked (null) shows as such, and the pair has no ratio.
     */
    static String pairRow(int aPass, Row a, char other, int otherPass, Row o) {
        String ratio = a == null || o == null ? "none" : String.format(Locale.ROOT, "%.2f", a.deliveries() / o.deliveries());
        return String.format(Locale.ROOT, "| A (pass %d) / %c (pass %d) | %s | %s | %s |%n", aPass, other, otherPass,
                held(a), held(o), ratio);
    }

    private static String held(Row row) {
        return row == null ? "none held" : String.format(Locale.ROOT, "%.0f", row.deliveries());
    }

    private void latency(Map<Integer, Row> best, Path link, Path charts) throws IOException {
        List<Row> lat = of("latency");
        if (lat.isEmpty()) {
            return;
        }
        md.append("### 2. Latency at 25, 50 and 80 % of each server's own maximum\n\n")
                .append("The load is the fraction of the highest feed rate that held in the same pass (of the lowest rate tried ")
                .append("when none held); medians of the repeats.\n\n")
                .append("| pass | server | load | feed updates/s | deliveries/s | delivery | p50 ms | p99 ms | p99.9 ms | max ms | client core | generator (cores) | others (cores) |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Map<String, double[]> at50 = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Row>> pass : byPass(lat).entrySet()) {
            for (List<Row> step : bySteps(pass.getValue()).values()) {
                Row m = Medians.of(step);
                md.append(String.format(Locale.ROOT, "| %d | %s | %.0f %% | %.0f | %.0f | %.5f | %.1f | %.1f | %.1f | %.1f | %.0f%%%s | %.2f | %.2f |%n",
                        m.pass(), m.server(), 100 * m.step(), m.nominalUpdates(), m.deliveries(), m.deliveryRatio(), m.p50(),
                        m.p99(), m.p999(), m.max(), 100 * m.clientCoreBusy(), m.clientBound() ? " **client-bound**" : "",
                        m.clientCpu(), m.foreign()));
                if (Math.abs(m.step() - 0.5) < 1e-9) {
                    at50.put(m.pass() + ": " + m.server(), new double[] {m.p50(), m.p99(), m.p999(), m.max()});
                }
            }
        }
        if (!at50.isEmpty()) {
            List<String> names = new ArrayList<>(at50.keySet());
            double[][] values = new double[names.size()][];
            for (int i = 0; i < names.size(); i++) {
                values[i] = at50.get(names.get(i));
            }
            Charts.bars(charts.resolve("latency-50.png"), "Latency at 50 % of each server's maximum", "ms (log)",
                    List.of("p50", "p99", "p99.9", "max"), names, values, true);
            md.append("\n![Latency percentiles at 50 % of each maximum](").append(link.resolve("latency-50.png")).append(")\n");
        }
        md.append('\n');
    }

    private void connections() {
        List<Row> conn = of("connections");
        if (conn.isEmpty()) {
            return;
        }
        md.append("### 3. Connections\n\nEach client gets 5 quotes/s (10 symbols at 0.5 updates/s each: a feed of 50 updates/s); ")
                .append("held means every client open, p99 under 50 ms, every quote delivered and the feed on its ")
                .append("schedule (at least 97 % of it, as in the throughput workload). \"seen updates/s\" is the feed's rate as ")
                .append("the clients saw it, from how fast each symbol's seq advanced.\n\n")
                .append("| pass | server | clients | open | seen updates/s | deliveries/s | delivery | p50 ms | p99 ms | max ms | server RSS MiB | client core | held |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Map.Entry<Integer, List<Row>> pass : byPass(conn).entrySet()) {
            for (List<Row> step : bySteps(pass.getValue()).values()) {
                md.append(connectionsRow(Medians.of(step)));
            }
        }
        md.append("\n### 4. Memory per connection\n\nResident memory (and, for the JVMs, heap in use after a full GC) ")
                .append("with every client connected, minus the same server idle, divided by the clients open. ")
                .append("Where the JVMs pre-touched their heap, their resident memory counts the whole heap idle and loaded, so ")
                .append("the RSS column is native memory only and a client costs the RSS and heap columns together (\"in all\"); ")
                .append("for Node, whose heap is in its resident memory, it is the RSS column.\n\n")
                .append("| pass | server | clients open | idle RSS MiB | RSS MiB | RSS KiB/client | idle heap MiB | heap MiB | heap KiB/client | KiB/client in all |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row idle : of("memory-idle")) {
            rows.stream().filter(r -> r.pass() == idle.pass() && r.workload().equals("memory")).findFirst().ifPresent(m -> {
                boolean heap = m.heap() > 0 && idle.heap() > 0;
                double rssPerClient = (m.rss() - idle.rss()) / 1024.0 / Math.max(1, m.open());
                double heapPerClient = (m.heap() - idle.heap()) / 1024.0 / Math.max(1, m.open());
                String inAll = m.server() == 'B' ? String.format(Locale.ROOT, "%.1f", rssPerClient)
                        : heap && preTouched.contains(m.pass()) ? String.format(Locale.ROOT, "%.1f", rssPerClient + heapPerClient)
                        : "n/a";
                md.append(String.format(Locale.ROOT, "| %d | %s | %d | %.0f | %.0f | %.1f | %s | %s | %s | %s |%n", m.pass(), m.server(),
                        m.open(), idle.rss() / 1048576.0, m.rss() / 1048576.0, rssPerClient,
                        heap ? String.format(Locale.ROOT, "%.0f", idle.heap() / 1048576.0) : "n/a",
                        heap ? String.format(Locale.ROOT, "%.0f", m.heap() / 1048576.0) : "n/a",
                        heap ? String.format(Locale.ROOT, "%.1f", heapPerClient) : "n/a", inAll));
            });
        }
        md.append('\n');
    }

    /** One step of the connections table, from the medians of its windows. */
    static String connectionsRow(Row m) {
        return String.format(Locale.ROOT, "| %d | %s | %d | %d | %.1f | %.0f | %.5f | %.1f | %.1f | %.1f | %.0f | %.0f%%%s | %s |%n",
                m.pass(), m.server(), m.connections(), m.open(), m.seenUpdates(), m.deliveries(), m.deliveryRatio(), m.p50(),
                m.p99(), m.max(), m.rss() / 1048576.0, 100 * m.clientCoreBusy(), m.clientBound() ? " **client-bound**" : "",
                connectionsHeld(m) ? "yes" : "no");
    }

    private void slow() {
        List<Row> slow = rows.stream().filter(r -> r.workload().startsWith("slow-")).toList();
        if (slow.isEmpty()) {
            return;
        }
        md.append("### 5. Slow consumers\n\nA share of the clients stop reading; the healthy clients' figures before, during and after, ")
                .append("the server's memory, and what became of the stuck ones.\n\n")
                .append("| pass | server | window | clients open | deliveries/s (healthy) | p99 ms | max ms | server RSS MiB | closes seen | note |\n")
                .append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (Row m : slow) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %.0f | %.1f | %.1f | %.0f | %s | %s |%n", m.pass(), m.server(),
                    m.workload().substring(5), m.open(), m.deliveries(), m.p99(), m.max(), m.rss() / 1048576.0, m.closes(), m.note()));
        }
        md.append('\n');
    }

    private void maxRate() {
        List<Row> mr = rows.stream().filter(r -> r.workload().startsWith("maxrate")).toList();
        if (mr.isEmpty()) {
            return;
        }
        md.append("### 6. Per-subscription maximum rate (`maxRate`)\n\nOnly Quotecast offers it; the peers send every update. "
                        + "\"batched\" clients subscribe with `\"batch\":true`: quotes ready together share one `quotes` message.\n\n")
                .append("| pass | server | maxRate | batched | clients | feed updates/s | deliveries/s | p50 ms | p99 ms | max ms | client core |\n")
                .append("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Map<String, List<Row>> byWorkloadAndPass = mr.stream().collect(Collectors.groupingBy(
                r -> String.format(Locale.ROOT, "%05d %s", r.pass(), r.workload()), TreeMap::new, Collectors.toList()));
        for (List<Row> group : byWorkloadAndPass.values()) {
            Row m = Medians.of(group);
            md.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %s | %d | %.0f | %.0f | %.1f | %.1f | %.1f | %.0f%%%s |%n", m.pass(),
                    m.server(), m.step(), m.workload().endsWith("batch") ? "yes" : "no", m.open(), m.nominalUpdates(),
                    m.deliveries(), m.p50(), m.p99(), m.max(), 100 * m.clientCoreBusy(), m.clientBound() ? " **client-bound**" : ""));
        }
        md.append('\n');
    }

    private void problems() {
        List<Row> errors = of("error");
        long bad = rows.stream().filter(r -> r.duplicates() > 0 || r.reorders() > 0).count();
        md.append("### Integrity\n\n").append(bad == 0 ? "No window saw a duplicated or reordered quote."
                : bad + " windows saw duplicated or reordered quotes (see results.tsv).").append('\n');
        for (Row e : errors) {
            md.append("\n- pass ").append(e.pass()).append(' ').append(e.server()).append(" failed: ").append(e.note());
        }
        md.append("\n\n");
    }

    private List<Row> of(String workload) {
        return rows.stream().filter(r -> r.workload().equals(workload)).toList();
    }

    private static Map<Integer, List<Row>> byPass(List<Row> rows) {
        return rows.stream().collect(Collectors.groupingBy(Row::pass, TreeMap::new, Collectors.toList()));
    }

    private static Map<Double, List<Row>> bySteps(List<Row> rows) {
        return rows.stream().collect(Collectors.groupingBy(Row::step, LinkedHashMap::new, Collectors.toList()));
    }
}
