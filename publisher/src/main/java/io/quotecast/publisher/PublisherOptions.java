package io.quotecast.publisher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quotecast.instrument.Symbols;

/**
 * The publisher's command line, parsed and checked. Every option has a default, so
 * {@code java -jar quotecast-publisher.jar} alone publishes 100 random-walk prices per second
 * over the whole catalog to a broker on {@code tcp://127.0.0.1:61716}. See the README, "Feed publisher".
 */
public record PublisherOptions(String broker, String user, String password, String topic, int rate,
                               List<String> symbols, Optional<Path> catalog, Optional<Path> replay, Duration duration, long count,
                               boolean persistent, Duration lateAfter, Duration reportEvery, long seqStart,
                               Duration batchWindow, Optional<String> snapshotQueue) {

    public static final String USAGE = """
            Usage: java -jar quotecast-publisher.jar [options]
              --broker URL        Artemis broker (default tcp://127.0.0.1:61716); client options may follow '?'
              --user NAME         broker user (default: env QUOTECAST_BROKER_USER, else none)
              --password SECRET   broker password (default: env QUOTECAST_BROKER_PASSWORD, else none)
              --topic NAME        topic physical name (default quotecastPrices)
              --rate N            random walk: prices per second over all symbols (default 100)
              --symbols A,B,...   random walk: these catalog symbols only (default: the whole catalog)
              --catalog FILE      random walk: the instruments of FILE ('symbol,exchange,name,previousClose'
                                  lines, as quotecast.catalog.file) instead of the bundled catalog
              --replay FILE       replay FILE (lines 'offsetMillis,symbol,price[,volume]') instead of a random walk
              --duration SECONDS  stop after this long (default 0: until the replay ends or Ctrl-C)
              --count N           stop after N prices (default 0: no limit)
              --persistent        send persistent messages (default non-persistent)
              --late-ms N         a send starting more than N ms after its slot counts as late (default 5)
              --report-seconds N  print counters every N seconds (default 5; 0: only at the end)
              --seq-start N       first feed seq (default: now in epoch milliseconds x 1000, so a restarted
                                  publisher continues above its earlier seqs)
              --batch-ms N        one message (a JSON array, at most 100 prices) for the prices due within
                                  N ms of its first (default 0: one price a message)
              --snapshot-queue Q  with --batch-ms: also send each message's newest price of each symbol, alone,
                                  to the last-value queue Q (address::queue, e.g. quotecastPrices::quotecastSnapshot)
            """;

    public PublisherOptions {
        symbols = List.copyOf(symbols);
    }

    /** Parses {@code args}; any mistake is an {@link IllegalArgumentException} whose message says what to fix. */
    public static PublisherOptions parse(String[] args, long nowEpochMillis, java.util.function.Function<String, String> env) {
        String broker = "tcp://127.0.0.1:61716";
        String user = env.apply("QUOTECAST_BROKER_USER");
        String password = env.apply("QUOTECAST_BROKER_PASSWORD");
        String topic = "quotecastPrices";
        int rate = 100;
        List<String> symbols = List.of();
        Path catalog = null;
        Path replay = null;
        long durationSeconds = 0;
        long count = 0;
        boolean persistent = false;
        long lateMillis = 5;
        long reportSeconds = 5;
        long seqStart = Math.multiplyExact(nowEpochMillis, 1000L);
        long batchMillis = 0;
        String snapshotQueue = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--persistent")) {
                persistent = true;
                continue;
            }
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--broker" -> broker = value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--topic" -> topic = value;
                case "--rate" -> rate = (int) number(option, value, 1, 1_000_000);
                case "--symbols" -> symbols = symbols(value);
                case "--catalog" -> catalog = Path.of(value);
                case "--replay" -> replay = Path.of(value);
                case "--duration" -> durationSeconds = number(option, value, 0, 31_536_000);
                case "--count" -> count = number(option, value, 0, Long.MAX_VALUE);
                case "--late-ms" -> lateMillis = number(option, value, 0, 60_000);
                case "--report-seconds" -> reportSeconds = number(option, value, 0, 3600);
                case "--seq-start" -> seqStart = number(option, value, 0, Long.MAX_VALUE / 2);
                case "--batch-ms" -> batchMillis = number(option, value, 0, 1000);
                case "--snapshot-queue" -> snapshotQueue = queueName(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (replay != null && !symbols.isEmpty()) {
            throw new IllegalArgumentException("--symbols is for the random walk; a replay file names its own symbols");
        }
        if (replay != null && catalog != null) {
            throw new IllegalArgumentException("--catalog is for the random walk; a replay file names its own symbols");
        }
        if (snapshotQueue != null && batchMillis == 0) {
            // One price a message reaches the last-value queue through the topic already.
            throw new IllegalArgumentException("--snapshot-queue is for --batch-ms: without it every message"
                    + " reaches the last-value queue through the topic");
        }
        return new PublisherOptions(broker, user, password, topic, rate, symbols, Optional.ofNullable(catalog),
                Optional.ofNullable(replay),
                Duration.ofSeconds(durationSeconds), count, persistent, Duration.ofMillis(lateMillis),
                Duration.ofSeconds(reportSeconds), seqStart, Duration.ofMillis(batchMillis),
                Optional.ofNullable(snapshotQueue));
    }

    private static long number(String option, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", was " + parsed);
        }
        return parsed;
    }

    private static String queueName(String value) {
        int colons = value.indexOf("::");
        if (colons <= 0 || colons + 2 >= value.length() || value.indexOf("::", colons + 2) >= 0) {
            throw new IllegalArgumentException("--snapshot-queue must be address::queue, was '" + value + "'");
        }
        return value;
    }

    /** How {@link PublishLoop} groups prices into messages. */
    public PublishLoop.Batching batching() {
        return new PublishLoop.Batching(batchWindow.toNanos(), snapshotQueue.isPresent());
    }

    private static List<String> symbols(String value) {
        List<String> list = new ArrayList<>();
        for (String part : value.split(",")) {
            String symbol = part.trim();
            if (symbol.isEmpty()) {
                continue;
            }
            if (!Symbols.isValid(symbol)) {
                throw new IllegalArgumentException("--symbols: '" + symbol + "' is not a valid symbol");
            }
            if (!list.contains(symbol)) {
                list.add(symbol);
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("--symbols lists no symbol");
        }
        return list;
    }
}
