package io.quotecast.bench.run;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.quotecast.bench.BenchSymbols;
import io.quotecast.bench.load.LoadGenerator;
import io.quotecast.bench.load.LoadSettings;
import io.quotecast.bench.load.Window;

/**
 * One server's turn in the run (one letter of A B C C B A): the workloads of issue #5 in order,
 * each starting the server at the feed rate it needs, warming it up, and measuring
 * {@code repeats} windows. Every window becomes a {@link Row}; nothing here judges a server
 * except to find where the throughput steps stop.
 */
final class Phase {

    private final int pass;
    private final char server;
    private final RunSettings settings;
    private final Servers servers;
    private final String idle;
    private final Consumer<Row> out;
    private final Duration warmup;

    Phase(int pass, char server, RunSettings settings, String idle, Consumer<Row> out) {
        this.pass = pass;
        this.server = server;
        this.settings = settings;
        this.servers = new Servers(settings);
        this.idle = idle;
        this.out = out;
        this.warmup = server == 'B' ? settings.warmupNode() : settings.warmupJvm();
    }

    void run() throws IOException, InterruptedException {
        double maxRate = Double.NaN;
        if (settings.runs("throughput")) {
            maxRate = throughput();
        }
        if (settings.runs("latency")) {
            // Fractions of this server's own maximum; when no step held (a busy machine), of the
            // lowest step, so that the latency is still measured and the report says which.
            double reference = Double.isNaN(maxRate) ? settings.throughputRates().get(0) : maxRate;
            for (double fraction : settings.latencyFractions()) {
                steady("latency", fraction, reference * fraction, settings.throughputConnections(), 0, false);
            }
        }
        if (settings.runs("connections")) {
            connections();
        }
        if (settings.runs("slow")) {
            slowConsumers();
        }
        if (settings.runs("maxrate")) {
            if (Servers.isQuotecast(server)) {
                steady("maxrate", settings.maxRate(), settings.maxRateFeed(), settings.maxRateConnections(),
                        settings.maxRate(), false);
                steady("maxrate-batch", settings.maxRate(), settings.maxRateFeed(), settings.maxRateConnections(),
                        settings.maxRate(), true);
            } else {
                log("maxrate: not offered by " + Servers.describe(server) + ", skipped");
            }
        }
    }

    /** Steps the feed rate up; returns the highest rate that held (NaN when none did). */
    private double throughput() throws IOException, InterruptedException {
        double best = Double.NaN;
        for (int rate : settings.throughputRates()) {
            List<Row> rows = steady("throughput", rate, rate, settings.throughputConnections(), 0, false);
            Row median = Medians.of(rows);
            if (median == null || !median.holds(settings.p99LimitMillis(), settings.deliveryFloor())) {
                log("throughput: " + rate + " updates/s did not hold; stepping stops");
                break;
            }
            best = rate;
        }
        return best;
    }

    /** Starts the server at {@code rate}, opens the clients, warms up, measures; stops both. */
    private List<Row> steady(String workload, double step, double rate, int connections, int maxRate, boolean batch)
            throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        try (ServerProcess process = servers.start(server, rate, List.of());
             LoadGenerator load = new LoadGenerator(load(connections).withMaxRate(maxRate).withBatch(batch))) {
            int subscribed = load.open();
            log(workload + " " + step + ": " + subscribed + "/" + connections + " subscribed, " + load.failed() + " failed");
            warmUp(warmup);
            for (int r = 1; r <= settings.repeats(); r++) {
                rows.add(window(workload, step, r, rate, load, process, ""));
            }
        }
        return rows;
    }

    /** Holds one server at the per-client rate while the connection count steps up; memory at the largest. */
    private void connections() throws IOException, InterruptedException {
        double rate = settings.connectionRatePerClient() * BenchSymbols.COUNT / 10.0;
        try (ServerProcess process = servers.start(server, rate, List.of())) {
            warmUp(warmup);
            long idleRss = process.residentBytes();
            long idleHeap = process.heapAfterGc().orElse(-1L);
            log("connections: idle server " + idleRss / 1024 + " KiB resident, heap " + idleHeap / 1024 + " KiB");
            out.accept(new Row(pass, server, "memory-idle", 0, 0, 0, 0, rate, 0, 0, 0, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, 0, 0, 0, "{}", "{}", 0, Double.NaN, Double.NaN, Double.NaN, false, idle,
                    idleRss, idleHeap, ""));
            int largest = settings.connectionSteps().stream().mapToInt(Integer::intValue).max().orElse(0);
            for (int count : settings.connectionSteps()) {
                try (LoadGenerator load = new LoadGenerator(load(count))) {
                    double cpuBefore = process.cpuSeconds();
                    long started = System.nanoTime();
                    int subscribed = load.open();
                    String opening = opening(subscribed, (System.nanoTime() - started) / 1e9,
                            process.cpuSeconds() - cpuBefore);
                    log("connections " + count + ": " + subscribed + " subscribed, " + load.failed() + " failed; " + opening);
                    warmUp(warmup.dividedBy(2));
                    for (int r = 1; r <= settings.repeats(); r++) {
                        window("connections", count, r, rate, load, process, r == 1 ? opening : "");
                    }
                    if (count == largest) {
                        long heap = process.heapAfterGc().orElse(-1L);
                        out.accept(measure("memory", count, 1, rate, load, process, "heap after GC", settings.measure(),
                                heap));
                    }
                }
                Thread.sleep(3_000);
            }
        }
    }

    /**
     * What opening the clients cost the server: each one's connection, handshake, subscription and
     * snapshot, plus the quotes of those already subscribed meanwhile (a few per cent at 5 a second
     * each): what a node pays for a crowd that reconnects to it at once.
     */
    static String opening(int clients, double seconds, double serverCpuSeconds) {
        return String.format(java.util.Locale.ROOT, "opening %d clients took %.1f s and %.0f µs of the server's CPU each",
                clients, seconds, clients == 0 ? Double.NaN : serverCpuSeconds * 1e6 / clients);
    }

    /** 1% of the clients stop reading for a while: the others' latency, the server's memory, the stuck ones' fate. */
    private void slowConsumers() throws IOException, InterruptedException {
        try (ServerProcess process = servers.start(server, settings.slowRate(), List.of());
             LoadGenerator load = new LoadGenerator(load(settings.slowConnections()))) {
            load.open();
            warmUp(warmup);
            window("slow-before", settings.slowRate(), 1, settings.slowRate(), load, process, "");
            int stalled = load.stall(settings.slowFraction());
            window("slow-during", settings.slowRate(), 1, settings.slowRate(), load, process,
                    stalled + " clients not reading", settings.slowFor());
            load.resume();
            Thread.sleep(5_000);
            window("slow-after", settings.slowRate(), 1, settings.slowRate(), load, process,
                    load.stalledClosed() + " of " + stalled + " stalled clients closed by the server");
        }
    }

    /**
     * Waits out a warm-up. For Quotecast (A, P) it also asks /api/stats at its start and half-way, as every
     * measured window does after it ends: the first HTTP request a WildFly sees after its
     * WebSocket paths are compiled deoptimises shared Undertow and XNIO code (JFR: class_check and
     * unstable_if in NioSocketConduit.handleReady, AbstractFramedStreamSinkChannel.preWrite and
     * others), which then runs interpreted while the compiler, on the same core, compiles it
     * again. Left to the first measured request, that made the second window of every step the
     * stalled one (docs/benchmarks.md, session 6).
     */
    private void warmUp(Duration length) throws InterruptedException {
        for (int half = 0; half < 2; half++) {
            if (Servers.isQuotecast(server)) {
                quotecastStats();
            }
            Thread.sleep(length.dividedBy(2).toMillis());
        }
    }

    /** Measures one window of the default length and records it. */
    private Row window(String workload, double step, int repeat, double rate, LoadGenerator load, ServerProcess process,
                       String note) throws InterruptedException {
        return window(workload, step, repeat, rate, load, process, note, settings.measure());
    }

    /** Measures one window of {@code length} and records it. */
    private Row window(String workload, double step, int repeat, double rate, LoadGenerator load, ServerProcess process,
                       String note, Duration length) throws InterruptedException {
        Row row = measure(workload, step, repeat, rate, load, process, note, length, -1);
        out.accept(row);
        return row;
    }

    private Row measure(String workload, double step, int repeat, double rate, LoadGenerator load,
                        ServerProcess process, String note, Duration length, long heap) throws InterruptedException {
        CpuTimes before = CpuTimes.read();
        TcpCounters tcpBefore = TcpCounters.read();
        double serverCpuBefore = process.cpuSeconds();
        double feedCpuBefore = process.feedCpuSeconds();
        Window w = load.measure(length);
        CpuTimes after = CpuTimes.read();
        double[] busy = after.busySince(before);
        long deliveries = w.quotes() + w.stalledQuotes();
        String split = after.perDelivery(before, settings.serverCore(), w.seconds(), deliveries);
        String tcp = TcpCounters.read().perDelivery(tcpBefore, deliveries);
        double serverCores = (process.cpuSeconds() - serverCpuBefore) / w.seconds();
        double feedCores = (process.feedCpuSeconds() - feedCpuBefore) / w.seconds();
        double total = 0;
        for (double b : busy) {
            total += b;
        }
        double foreign = Math.max(0, total - serverCores - w.clientCpu() - feedCores);
        String said = Servers.isQuotecast(server) ? quotecastStats() : "";
        if (server == 'A' && settings.feed().equals("external")) {
            // The publisher shares the client core with the generator, as a feed from elsewhere.
            // Its own counters say whether the broker held it back (late sends): open loop no more.
            said = String.format(java.util.Locale.ROOT, "external feed %.2f cores, %s", feedCores, process.feedCounters())
                    + (said.isEmpty() ? "" : "; " + said);
        }
        List<String> perDelivery = Stream.of(split, tcp).filter(n -> !n.isEmpty()).toList();
        String notes = String.join("; ", Stream.concat(Stream.of(note, said).filter(n -> !n.isEmpty()), perDelivery.stream()).toList());
        Row row = Row.of(pass, server, workload, step, repeat, rate, w, CpuTimes.of(busy, settings.serverCore()),
                CpuTimes.of(busy, settings.clientCore()), foreign, idle, process.residentBytes(), heap, notes);
        log(String.format(java.util.Locale.ROOT, "%s %s #%d: %s; server core %.0f%%, client core %.0f%%, others %.2f cores%s",
                workload, step, repeat, w.summary(), 100 * row.serverCoreBusy(), 100 * row.clientCoreBusy(), foreign,
                perDelivery.isEmpty() ? "" : "; " + String.join("; ", perDelivery)));
        return row;
    }

    /**
     * What Quotecast itself counted (/api/stats): sessions, how they ended, every reason it closed one, and how
     * many frames it wrote and how many of those went straight to the socket (directFrames), so
     * that a run says which write path it measured.
     */
    private String quotecastStats() {
        try {
            String json = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            servers.quotecast(server, "api/stats"))
                    .timeout(Duration.ofSeconds(20)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            StringBuilder said = new StringBuilder("server says");
            for (String key : List.of("openSessions", "sessionsClosed", "quotesConflated", "stuckCloses",
                    "heartbeatCloses", "hearingLagMillis", "overflowCloses", "sendFailures", "addressFull", "serverFull",
                    "messagesPushed", "directFrames", "directFramesPartial")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
                if (m.find()) {
                    said.append(' ').append(key).append('=').append(m.group(1));
                }
            }
            // How the closed sessions ended, by close code: {"1000":10000,"1006":278}
            java.util.regex.Matcher by = java.util.regex.Pattern.compile("\"sessionsClosedBy\":(\\{[^}]*})").matcher(json);
            if (by.find()) {
                said.append(" sessionsClosedBy=").append(by.group(1).replace("\"", ""));
            }
            return said.toString();
        } catch (IOException | RuntimeException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private LoadSettings load(int connections) {
        return LoadSettings.of(servers.webSocket(server), connections).withThreads(settings.clientThreads())
                .withReadPoll(Duration.ofNanos(settings.clientPollMicros() * 1_000L));
    }

    private void log(String line) {
        System.out.println("[pass " + pass + " " + server + "] " + line);
    }
}
