package io.quotecast.publisher;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.jms.JMSRuntimeException;

import io.quotecast.instrument.CatalogParser;
import io.quotecast.instrument.Instrument;

/**
 * The command line: {@code java -jar quotecast-publisher.jar --broker tcp://127.0.0.1:61716 --rate 200}.
 * Prints its counters to standard error every few seconds and once at the end; exits 0 when it
 * stopped as asked, 1 if no price could be sent at all (a broker that refuses the login or cannot be
 * reached included, said in one line), 2 on a bad command line.
 */
public final class Publisher {

    private Publisher() {
    }

    public static void main(String[] args) throws Exception {
        PublisherOptions options;
        try {
            options = PublisherOptions.parse(args, System.currentTimeMillis(), System::getenv);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("publisher: " + e.getMessage());
            }
            System.err.print(PublisherOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        BrokerClientLog.install();
        try {
            System.exit(run(options));
        } catch (IllegalArgumentException e) {
            System.err.println("publisher: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(PublisherOptions options) throws Exception {
        PublishCounters counters = new PublishCounters();
        PriceSink sink;
        try {
            sink = new JmsSink(options.broker(), options.user(), options.password(), options.topic(),
                    options.snapshotQueue(), options.persistent());
        } catch (JMSRuntimeException e) {
            // A refused login or a broker that is not there: the operator needs the reason, not a stack trace.
            System.err.println("publisher: cannot connect to " + JmsSink.withPasswordsHidden(options.broker()) + ": "
                    + reason(e));
            return 1;
        }
        try (sink;
             Reader replay = options.replay().isPresent()
                     ? Files.newBufferedReader(options.replay().get(), StandardCharsets.UTF_8) : null) {
            Plan plan = replay != null
                    ? new ReplayPlan(replay, options.replay().get().toString())
                    : new WalkPlan(instruments(options.symbols(), options.catalog()), options.rate(), new SplittableRandom());
            PublishLoop loop = new PublishLoop(plan, sink, counters, System::nanoTime, Publisher::parkUntil,
                    Clock.systemUTC(), options.lateAfter().toNanos(), options.batching());
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
                loop.stop();
                main.interrupt();
                try {
                    main.join(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "publisher-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            System.err.println("publisher: " + describe(options));
            try {
                loop.run(options.seqStart(), options.count(), options.duration().toNanos(),
                        options.reportEvery().toNanos(), c -> System.err.println("publisher: " + c.line()));
            } catch (InterruptedException e) {
                // Ctrl-C or SIGTERM: report and leave.
            } finally {
                System.err.println("publisher: done " + counters.line());
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down.
            }
        }
        return counters.sentCount() == 0 && counters.failedCount() > 0 ? 1 : 0;
    }

    /**
     * Each message down the cause chain that does not repeat an earlier one: the JMS wrapper's own
     * says little, and wrappers often quote their cause's message.
     */
    static String reason(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable c = e; c != null && messages.size() < 5; c = c.getCause() == c ? null : c.getCause()) {
            String message = c.getMessage();
            if (message != null && messages.stream().noneMatch(m -> m.contains(message))) {
                messages.add(message);
            }
        }
        return messages.isEmpty() ? e.getClass().getName() : String.join(": ", messages);
    }

    private static String describe(PublisherOptions options) {
        String what = options.replay().map(p -> "replaying " + p)
                .orElse(options.rate() + " prices/s over " + (options.symbols().isEmpty() ? "the whole catalog"
                        : options.symbols().size() + " symbols"));
        String batches = options.batchWindow().isZero() ? ""
                : ", the prices of each " + options.batchWindow().toMillis() + " ms in one message"
                + options.snapshotQueue().map(q -> ", each symbol's newest also to " + q).orElse("");
        return what + " to topic " + options.topic() + " at " + JmsSink.withPasswordsHidden(options.broker())
                + (options.persistent() ? " (persistent)" : "") + batches;
    }

    /** {@code symbols} (all if empty) of the bundled catalog, or of {@code file} when given. */
    static List<Instrument> instruments(List<String> symbols, Optional<Path> file) throws IOException {
        List<Instrument> catalog;
        if (file.isPresent()) {
            try (Reader in = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
                catalog = CatalogParser.parse(in, file.get().toString());
            }
        } else {
            try (InputStream in = Publisher.class.getResourceAsStream("/io/quotecast/instrument/instruments.csv")) {
                if (in == null) {
                    throw new IllegalStateException("the bundled catalog is missing from the jar");
                }
                catalog = CatalogParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), "instruments.csv");
            }
        }
        if (symbols.isEmpty()) {
            return catalog;
        }
        List<Instrument> chosen = new ArrayList<>();
        for (String symbol : symbols) {
            chosen.add(catalog.stream().filter(i -> i.symbol().equals(symbol)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--symbols: " + symbol + " is not in the catalog")));
        }
        return chosen;
    }

    private static void parkUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
