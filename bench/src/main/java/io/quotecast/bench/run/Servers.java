package io.quotecast.bench.run;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.quotecast.bench.BenchSymbols;

/**
 * Starts the three servers, each pinned to the server core with {@code taskset} and given the
 * feed rate (updates per second over all 100 symbols) on its command line, as the open-loop
 * schedule of its own feed. A: Quotecast's EAR on WildFly (standalone-full, the simulated feed,
 * which publishes through the embedded Artemis broker like a real feed), B: the Node ws peer,
 * C: the bare Netty peer; and P, the same EAR on Payara Server (its simulated feed through
 * Payara's embedded OpenMQ broker), which no default run includes.
 */
final class Servers {

    /**
     * The JVM servers touch their whole heap at start, so that resident memory idle and under
     * load both count all of it and their difference is what the connections cost natively.
     * Without it, young-generation pages first touched under load counted as per-connection
     * memory (the full run of session 5: 34 to 36 KiB resident per client against 16 of heap).
     */
    private static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";

    /**
     * The collector docs/tuning.md recommends on a one-CPU node: the JVM would pick the serial
     * one there, and the parallel one (one GC thread) cost A about 7 % less of its core for the
     * same deliveries, start for start (benchmarks.md, "Session 13"). Both JVM
     * servers get it, so that C stays the JVM ceiling under the same settings; a collector given
     * in {@code --server-jvm-options} replaces it.
     */
    static final String COLLECTOR = "-XX:+UseParallelGC";

    /** The domain each start of P creates afresh in {@code payaraHome}. */
    static final String PAYARA_DOMAIN = "quotecast-bench";

    private final RunSettings settings;

    Servers(RunSettings settings) {
        this.settings = settings;
    }

    static String describe(char server) {
        return switch (server) {
            case 'A' -> "Quotecast on WildFly";
            case 'B' -> "Node ws";
            case 'C' -> "bare Netty";
            case 'P' -> "Quotecast on Payara";
            default -> throw new IllegalArgumentException("Unknown server " + server);
        };
    }

    /** Whether {@code server} is Quotecast itself, with its REST API and its {@code maxRate}. */
    static boolean isQuotecast(char server) {
        return server == 'A' || server == 'P';
    }

    URI webSocket(char server) {
        return URI.create(switch (server) {
            case 'A', 'P' -> "ws" + quotecast(server, "ws/quotes").toString().substring("http".length());
            case 'B' -> "ws://127.0.0.1:" + settings.nodePort() + "/quotecast/ws/quotes";
            default -> "ws://127.0.0.1:" + settings.nettyPort() + "/quotecast/ws/quotes";
        });
    }

    /** {@code path} under Quotecast's context root on server A or P. */
    URI quotecast(char server, String path) {
        int port = server == 'P' ? settings.payaraPortBase() + 80 : 8080 + settings.portOffset();
        return URI.create("http://127.0.0.1:" + port + "/quotecast/" + path);
    }

    ServerProcess start(char server, double rate, List<String> extraOptions) throws IOException, InterruptedException {
        Path logs = settings.results().resolve("logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(server + "-" + System.currentTimeMillis() + ".log");
        List<String> command = new ArrayList<>(List.of("taskset", "-c", String.valueOf(settings.serverCore())));
        ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true).redirectOutput(log.toFile());
        URI ready;
        switch (server) {
            case 'A' -> {
                prepareWildFly();
                Path catalog = BenchSymbols.writeCatalog(settings.results().resolve("bench-catalog.csv"));
                command.addAll(List.of(settings.wildflyHome().resolve("bin/standalone.sh").toString(),
                        "--read-only-server-config=" + settings.wildflyConfig(),
                        "-Djboss.socket.binding.port-offset=" + settings.portOffset(),
                        "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1",
                        "-Dquotecast.demo=true",
                        "-Dquotecast.catalog.file=" + catalog.toAbsolutePath()));
                command.addAll(feedOptions(settings, rate));
                command.addAll(extraOptions);
                builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
                builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
                builder.environment().put("JAVA_OPTS", "-Xms" + settings.heap() + " -Xmx" + settings.heap()
                        + " -XX:MetaspaceSize=96M -Djava.net.preferIPv4Stack=true " + jvmOptions(settings.serverJvmOptions()));
                builder.directory(settings.wildflyHome().toFile());
                ready = quotecast(server, "api/health");
            }
            case 'P' -> {
                Path catalog = BenchSymbols.writeCatalog(settings.results().resolve("bench-catalog.csv"));
                preparePayara(logs);
                command.addAll(asadmin("start-domain", "--verbose", PAYARA_DOMAIN));
                // Quotecast reads each setting from the environment when no system property sets it
                // (README, "Configuration"), and the domain's JVM inherits asadmin's environment.
                List<String> properties = new ArrayList<>(List.of("-Dquotecast.demo=true",
                        "-Dquotecast.catalog.file=" + catalog.toAbsolutePath()));
                properties.addAll(feedOptions(settings, rate));
                properties.addAll(extraOptions);
                builder.environment().putAll(environmentOf(properties));
                builder.environment().put("AS_JAVA", System.getProperty("java.home"));
                builder.directory(settings.payaraHome().toFile());
                ready = quotecast(server, "api/health");
            }
            case 'B' -> {
                command.addAll(List.of("node", settings.nodeScript().toString(), "--host", "127.0.0.1",
                        "--port", String.valueOf(settings.nodePort()), "--rate", String.valueOf(rate),
                        "--tick-ms", String.valueOf(settings.tickMillis()), "--max-seconds", "7200"));
                ready = URI.create("tcp://127.0.0.1:" + settings.nodePort());
            }
            case 'C' -> {
                command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xms" + settings.heap(), "-Xmx" + settings.heap()));
                command.addAll(List.of(jvmOptions(settings.serverJvmOptions()).split("\\s+")));
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.quotecast.bench.peer.NettyPeer",
                        "--host", "127.0.0.1", "--port", String.valueOf(settings.nettyPort()),
                        "--rate", String.valueOf(rate), "--tick-ms", String.valueOf(settings.tickMillis()),
                        "--max-seconds", "7200"));
                ready = URI.create("tcp://127.0.0.1:" + settings.nettyPort());
            }
            default -> throw new IllegalArgumentException("Unknown server " + server);
        }
        ServerProcess process = new ServerProcess(describe(server), builder.command(command).start(),
                server != 'B', log);
        try {
            if (server == 'A' && settings.feed().equals("external")) {
                // Quotecast reports ready once its feed has priced something: the feed comes first.
                process.awaitReady(URI.create("tcp://127.0.0.1:" + (8080 + settings.portOffset())), Duration.ofSeconds(240));
                process.attachFeed(startPublisher(rate, logs));
            }
            process.awaitReady(ready, Duration.ofSeconds(240));
        } catch (IOException | InterruptedException e) {
            process.close();
            throw e;
        }
        return process;
    }

    /**
     * A's feed: its simulated feed through the embedded broker; the same handing its prices
     * straight to the intake ({@code direct}); or none of its own, the publisher sending from
     * outside ({@code external}, {@link #startPublisher}). Each tick's prices go in one message
     * unless {@code --feed-batch false}.
     */
    static List<String> feedOptions(RunSettings settings, double rate) {
        List<String> options = new ArrayList<>(switch (settings.feed()) {
            case "external" -> List.of("-Dquotecast.feed.simulated=false");
            case "direct" -> List.of("-Dquotecast.feed.simulated.rate=" + Math.round(rate),
                    "-Dquotecast.feed.simulated.tick-ms=" + settings.tickMillis(), "-Dquotecast.feed.simulated.direct=true");
            default -> List.of("-Dquotecast.feed.simulated.rate=" + Math.round(rate),
                    "-Dquotecast.feed.simulated.tick-ms=" + settings.tickMillis());
        });
        if (!settings.feedBatch() && !settings.feed().equals("external")) {
            options.add("-Dquotecast.feed.simulated.batch=false");
        }
        return options;
    }

    /**
     * The command-line publisher (publisher/), pinned to the client core as a feed running
     * elsewhere would be, sending the benchmark's symbols open-loop at {@code rate} to WildFly's
     * embedded broker over the HTTP port (Artemis' core protocol through HTTP upgrade), as the
     * benchmark's own broker user. Non-persistent, as market data is. Like the simulated feed, it
     * sends each tick's prices in one message unless {@code --feed-batch false}; the embedded
     * broker keeps no last-value queue, so no snapshot copies.
     */
    private ServerProcess startPublisher(double rate, Path logs) throws IOException {
        if (!Files.isRegularFile(settings.publisherJar())) {
            throw new IOException("The publisher is missing (" + settings.publisherJar()
                    + "): build with bench/run.sh, which builds publisher/ too");
        }
        Path log = logs.resolve("feed-" + System.currentTimeMillis() + ".log");
        Process publisher = new ProcessBuilder(publisherCommand(settings, rate)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ServerProcess("publisher", publisher, true, log);
    }

    static List<String> publisherCommand(RunSettings settings, double rate) {
        Path catalog = settings.results().resolve("bench-catalog.csv");
        String broker = "tcp://127.0.0.1:" + (8080 + settings.portOffset())
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor&initialConnectAttempts=120";
        List<String> command = new ArrayList<>(List.of("taskset", "-c", String.valueOf(settings.clientCore()),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-jar", settings.publisherJar().toString(), "--broker", broker,
                "--user", BenchBrokerUser.NAME, "--password", BenchBrokerUser.PASSWORD,
                "--topic", "jms.topic.quotecastPrices", "--catalog", catalog.toAbsolutePath().toString(),
                "--rate", String.valueOf(Math.max(1, Math.round(rate))), "--report-seconds", "10"));
        if (settings.feedBatch()) {
            command.addAll(List.of("--batch-ms", String.valueOf(settings.tickMillis())));
        }
        return command;
    }

    /** The EAR alone in the deployments folder, the server's data of earlier runs gone. */
    private void prepareWildFly() throws IOException {
        Path standalone = settings.wildflyHome().resolve("standalone");
        if (!Files.isRegularFile(settings.wildflyHome().resolve("bin/standalone.sh")) || !Files.isRegularFile(settings.ear())) {
            throw new IOException("WildFly or the EAR is missing (" + settings.wildflyHome() + ", " + settings.ear()
                    + "): build with bench/run.sh, which runs `mvn -Pbench-servers -pl bench -am package`");
        }
        for (String dir : List.of("data", "tmp")) {
            deleteTree(standalone.resolve(dir));
        }
        Path deployments = standalone.resolve("deployments");
        try (Stream<Path> old = Files.list(deployments)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("quotecast.ear")).toList()) {
                Files.delete(p);
            }
        }
        Files.copy(settings.ear(), deployments.resolve("quotecast.ear"), StandardCopyOption.REPLACE_EXISTING);
        if (settings.feed().equals("external")) {
            BenchBrokerUser.ensureIn(standalone.resolve("configuration"));
        }
    }

    /**
     * A new domain for P, as {@code src-it/payara/create-domain.sh} makes the tests' but offline:
     * its ports from {@code payaraPortBase}, the JVM options of A and C in place of the template's
     * heap, the data grid off (Quotecast does not use it, and a member looking for others would
     * work on the server's core beside it), and the EAR in its autodeploy folder, deployed at start.
     */
    private void preparePayara(Path logs) throws IOException, InterruptedException {
        if (!Files.isRegularFile(settings.payaraHome().resolve("glassfish/lib/client/appserver-cli.jar"))
                || !Files.isRegularFile(settings.ear())) {
            throw new IOException("Payara or the EAR is missing (" + settings.payaraHome() + ", " + settings.ear()
                    + "): build with bench/run.sh, which runs `mvn -Pbench-servers -pl bench -am package`");
        }
        Path domain = settings.payaraHome().resolve("glassfish/domains").resolve(PAYARA_DOMAIN);
        deleteTree(domain);
        Path log = logs.resolve("P-create-domain-" + System.currentTimeMillis() + ".log");
        Process create = new ProcessBuilder(asadmin("create-domain", "--portbase", String.valueOf(settings.payaraPortBase()),
                "--nopassword", PAYARA_DOMAIN)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!create.waitFor(3, java.util.concurrent.TimeUnit.MINUTES) || create.exitValue() != 0) {
            create.destroyForcibly();
            throw new IOException("asadmin create-domain failed; see " + log);
        }
        Path xml = domain.resolve("config/domain.xml");
        Files.writeString(xml, payaraDomainXml(Files.readString(xml), settings.heap(), settings.serverJvmOptions()));
        Files.createDirectories(domain.resolve("autodeploy"));
        Files.copy(settings.ear(), domain.resolve("autodeploy/quotecast.ear"), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The template's {@code domain.xml} with the server's (first) heap option replaced by A's and
     * C's JVM options and the data grid of the server's configuration turned off.
     */
    static String payaraDomainXml(String xml, String heap, String extraJvmOptions) {
        String template = "<jvm-options>-Xmx512m</jvm-options>";
        String grid = "<hazelcast-config-specific-configuration>";
        if (!xml.contains(template) || !xml.contains(grid)) {
            throw new IllegalStateException("Payara's domain template has changed: no " + template + " or " + grid);
        }
        StringBuilder options = new StringBuilder();
        for (String option : (("-Xms" + heap + " -Xmx" + heap + " " + jvmOptions(extraJvmOptions)).trim().split("\\s+"))) {
            options.append("<jvm-options>").append(option).append("</jvm-options>");
        }
        return xml.replaceFirst(java.util.regex.Pattern.quote(template), java.util.regex.Matcher.quoteReplacement(options.toString()))
                .replaceFirst(java.util.regex.Pattern.quote(grid), "<hazelcast-config-specific-configuration enabled=\"false\">");
    }

    /** Payara's command-line client, run by this JVM's java. */
    private List<String> asadmin(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", settings.payaraHome().resolve("glassfish/lib/client/appserver-cli.jar").toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code -Dquotecast.feed.simulated.rate=10} as {@code QUOTECAST_FEED_SIMULATED_RATE=10}, as Quotecast reads it. */
    static java.util.Map<String, String> environmentOf(List<String> systemProperties) {
        java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
        for (String property : systemProperties) {
            if (!property.startsWith("-D") || property.indexOf('=') < 0) {
                throw new IllegalArgumentException("Not a system property: " + property);
            }
            String name = property.substring(2, property.indexOf('='));
            environment.put(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'),
                    property.substring(property.indexOf('=') + 1));
        }
        return environment;
    }

    /** "Payara Server 6.2025.9", from the distribution's branding. */
    static String payaraVersion(Path payaraHome) {
        java.util.Properties branding = new java.util.Properties();
        try (var in = Files.newInputStream(payaraHome.resolve("glassfish/config/branding/glassfish-version.properties"))) {
            branding.load(in);
        } catch (IOException e) {
            return payaraHome.getFileName() + " (version unknown)";
        }
        return branding.getProperty("product_name", "Payara Server") + " " + branding.getProperty("major_version", "?") + "."
                + branding.getProperty("minor_version", "?") + "." + branding.getProperty("update_version", "?");
    }

    /** What A's and C's JVMs are given besides their heap size (and, for A, WildFly's defaults). */
    static String jvmOptions(String extra) {
        List<String> options = new ArrayList<>(List.of(PRE_TOUCH));
        options.addAll(collector(extra));
        if (!extra.isBlank()) {
            options.add(extra.trim());
        }
        return String.join(" ", options);
    }

    /** {@link #COLLECTOR}, unless {@code jvmOptions} choose a collector (the JVM refuses two). */
    static List<String> collector(String jvmOptions) {
        return jvmOptions.matches("(?s).*-XX:\\+Use\\w+GC\\b.*") ? List.of() : List.of(COLLECTOR);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
