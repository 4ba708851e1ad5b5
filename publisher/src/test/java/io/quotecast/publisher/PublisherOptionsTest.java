package io.quotecast.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quotecast.instrument.Instrument;

class PublisherOptionsTest {

    private static PublisherOptions parse(String... args) {
        return PublisherOptions.parse(args, 1_000L, Map.<String, String>of()::get);
    }

    @Test
    void defaultsPublishAHundredPricesASecondOverTheCatalogToTheLocalTopology() {
        PublisherOptions options = parse();
        assertEquals("tcp://127.0.0.1:61716", options.broker());
        assertEquals("quotecastPrices", options.topic());
        assertEquals(100, options.rate());
        assertTrue(options.symbols().isEmpty());
        assertFalse(options.replay().isPresent());
        assertEquals(Duration.ZERO, options.duration());
        assertEquals(1_000_000L, options.seqStart(), "seq starts at the start time in ms x 1000");
        assertFalse(options.persistent());
        assertEquals(PublishLoop.Batching.NONE, options.batching(), "one price a message");
    }

    @Test
    void batchingTakesAWindowAndOptionallyTheLastValueQueueForCopies() {
        PublisherOptions batched = parse("--batch-ms", "50");
        assertEquals(new PublishLoop.Batching(50_000_000L, false), batched.batching());
        assertEquals(Optional.empty(), batched.snapshotQueue());

        PublisherOptions withCopies = parse("--batch-ms", "50", "--snapshot-queue", "quotecastPrices::quotecastSnapshot");
        assertEquals(new PublishLoop.Batching(50_000_000L, true), withCopies.batching());
        assertEquals(Optional.of("quotecastPrices::quotecastSnapshot"), withCopies.snapshotQueue());
    }

    @Test
    void everyOptionIsRead() {
        PublisherOptions options = parse("--broker", "tcp://h:1", "--user", "u", "--password", "p", "--topic", "t",
                "--rate", "200", "--symbols", "AAPL, MSFT,AAPL", "--duration", "30", "--count", "7", "--persistent",
                "--late-ms", "20", "--report-seconds", "0", "--seq-start", "5");
        assertEquals("tcp://h:1", options.broker());
        assertEquals("u", options.user());
        assertEquals("p", options.password());
        assertEquals("t", options.topic());
        assertEquals(200, options.rate());
        assertEquals(List.of("AAPL", "MSFT"), options.symbols());
        assertEquals(Duration.ofSeconds(30), options.duration());
        assertEquals(7, options.count());
        assertTrue(options.persistent());
        assertEquals(Duration.ofMillis(20), options.lateAfter());
        assertEquals(Duration.ZERO, options.reportEvery());
        assertEquals(5, options.seqStart());
    }

    @Test
    void aCatalogFileReplacesTheBundledOneForTheRandomWalk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bench.csv");
        Files.writeString(file, "SYM00,XBEN,Bench 00,100.00\nSYM01,XBEN,Bench 01,50.00\n");

        PublisherOptions options = parse("--catalog", file.toString(), "--symbols", "SYM01");

        assertEquals(Optional.of(file), options.catalog());
        List<Instrument> chosen = Publisher.instruments(options.symbols(), options.catalog());
        assertEquals(List.of("SYM01"), chosen.stream().map(Instrument::symbol).toList());
        assertEquals(2, Publisher.instruments(List.of(), options.catalog()).size(), "the whole file without --symbols");
        assertThrows(IllegalArgumentException.class, () -> Publisher.instruments(List.of("AAPL"), options.catalog()),
                "a symbol the file does not list");
        assertThrows(IllegalArgumentException.class, () -> parse("--catalog", file.toString(), "--replay", "ticks.csv"),
                "a replay names its own symbols");
    }

    @Test
    void credentialsComeFromTheEnvironmentUnlessGiven() {
        Map<String, String> env = Map.of("QUOTECAST_BROKER_USER", "feed", "QUOTECAST_BROKER_PASSWORD", "s3cret");
        PublisherOptions options = PublisherOptions.parse(new String[0], 0, env::get);
        assertEquals("feed", options.user());
        assertEquals("s3cret", options.password());
    }

    @Test
    void replayTakesAFile() {
        assertEquals(Path.of("ticks.csv"), parse("--replay", "ticks.csv").replay().orElseThrow());
    }

    @Test
    void mistakesSayWhatToFix() {
        assertEquals("--rate must be between 1 and 1000000, was 0",
                assertThrows(IllegalArgumentException.class, () -> parse("--rate", "0")).getMessage());
        assertEquals("--rate must be a whole number, was 'fast'",
                assertThrows(IllegalArgumentException.class, () -> parse("--rate", "fast")).getMessage());
        assertEquals("--symbols: 'aapl' is not a valid symbol",
                assertThrows(IllegalArgumentException.class, () -> parse("--symbols", "aapl")).getMessage());
        assertEquals("unknown option --fast",
                assertThrows(IllegalArgumentException.class, () -> parse("--fast", "1")).getMessage());
        assertEquals("--broker needs a value",
                assertThrows(IllegalArgumentException.class, () -> parse("--broker")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("--replay", "f.csv", "--symbols", "AAPL"));
        assertEquals("--batch-ms must be between 0 and 1000, was 5000",
                assertThrows(IllegalArgumentException.class, () -> parse("--batch-ms", "5000")).getMessage());
        assertEquals("--snapshot-queue must be address::queue, was 'quotecastSnapshot'",
                assertThrows(IllegalArgumentException.class, () -> parse("--batch-ms", "50", "--snapshot-queue",
                        "quotecastSnapshot")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> parse("--snapshot-queue", "quotecastPrices::quotecastSnapshot")).getMessage()
                .startsWith("--snapshot-queue is for --batch-ms"));
    }
}
