package io.quotecast.bench.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A server under test that this run started: the launcher process (e.g. {@code standalone.sh})
 * and the process that does the work (its {@code java} child, or itself). Stopping ends exactly
 * these processes, by PID, children first; memory is read from {@code /proc} and, for a JVM,
 * from {@code jcmd} after a full GC.
 */
public final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process launcher;
    private final boolean jvm;
    private final Path log;
    /** Stops the server if the run itself is stopped (Ctrl-C, a timeout): nothing is left behind. */
    private final Thread onExit = new Thread(this::stop, "stop-server");
    /** The process feeding this server from outside, stopped before it; null when it feeds itself. */
    private ServerProcess feed;

    ServerProcess(String name, Process launcher, boolean jvm, Path log) {
        this.name = name;
        this.launcher = launcher;
        this.jvm = jvm;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    public String name() {
        return name;
    }

    /** The process that serves: the deepest descendant named java for a JVM behind a script. */
    public ProcessHandle worker() {
        if (!jvm) {
            return launcher.toHandle().descendants().filter(p -> p.info().command().orElse("").endsWith("/node"))
                    .findFirst().orElse(launcher.toHandle());
        }
        return launcher.toHandle().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("/java"))
                .reduce((first, second) -> second).orElse(launcher.toHandle());
    }

    public boolean isAlive() {
        return launcher.isAlive();
    }

    /**
     * Waits until {@code url} is ready, the process dies or {@code timeout} passes: an http URL
     * must answer 200 (Quotecast's health says 200 once the feed has priced something), a
     * {@code tcp://host:port} URL must accept a connection.
     */
    public void awaitReady(URI url, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                throw new IOException(name + " exited while starting; see " + log);
            }
            try {
                if ("tcp".equals(url.getScheme())) {
                    try (java.net.Socket socket = new java.net.Socket()) {
                        socket.connect(new java.net.InetSocketAddress(url.getHost(), url.getPort()), 2000);
                        return;
                    }
                }
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IOException(name + " not ready after " + timeout + "; see " + log);
    }

    /** Resident memory of the worker in bytes, from /proc; -1 when unknown. */
    public long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + worker().pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** CPU time (user and system, all threads) of the worker so far, in seconds; NaN when unknown. */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + worker().pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Makes {@code feed} part of this server: stopped first when this one stops. */
    void attachFeed(ServerProcess feed) {
        this.feed = feed;
    }

    /**
     * The attached feed's last report of its counters (the publisher prints
     * {@code publisher: sent=… late=… maxLateMs=… failed=…} every few seconds); empty when none.
     */
    public String feedCounters() {
        if (feed == null) {
            return "";
        }
        try (Stream<String> lines = Files.lines(feed.log)) {
            return lines.filter(l -> l.startsWith("publisher: sent=") || l.startsWith("publisher: done"))
                    .reduce((first, second) -> second).map(l -> l.substring("publisher: ".length())).orElse("");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    /** CPU time of the attached feed so far, in seconds; 0 when there is none. */
    public double feedCpuSeconds() {
        return feed == null ? 0 : feed.cpuSeconds();
    }

    /** Heap in use after a full GC (jcmd), in bytes; empty for a server that is not a JVM. */
    public Optional<Long> heapAfterGc() {
        if (!jvm) {
            return Optional.empty();
        }
        String pid = String.valueOf(worker().pid());
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        // One line for G1 ("garbage-first heap total …K, used …K"), one per generation for the
        // serial and parallel collectors (a JVM pinned to one CPU picks serial); Metaspace has no "total".
        Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
        long sum = 0;
        boolean any = false;
        while (used.find()) {
            sum += Long.parseLong(used.group(1)) * 1024;
            any = true;
        }
        return any ? Optional.of(sum) : Optional.empty();
    }

    private static String jcmd(String pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), pid, command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Ends the worker and the launcher (children first), by PID; forcibly after 30 s. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is stopping the server.
        }
        stop();
    }

    private void stop() {
        if (feed != null) {
            feed.close();
        }
        List<ProcessHandle> all = new java.util.ArrayList<>(launcher.toHandle().descendants().toList());
        java.util.Collections.reverse(all);
        all.add(launcher.toHandle());
        for (ProcessHandle p : all) {
            p.destroy();
        }
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }
}
