package io.quotecast.it;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A feed outside the server, run as README "Feeding one WildFly from outside" tells an operator
 * to: the command-line publisher, a process of its own, sending to WildFly's embedded broker
 * through the HTTP port (Artemis' core protocol over HTTP upgrade) as an application user in
 * the group {@code guest}. What it sends reaches a subscriber with its exact price; with a
 * wrong password the broker refuses it, and it says so and exits 1. WildFly only: Payara's
 * broker is not Artemis.
 */
public class ExternalFeedIT extends DeployedEar {

    /** A JVM's start, the HTTP upgrade and the login, on a shared machine. */
    private static final Duration PUBLISHER_BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aPriceSentByThePublisherOutsideTheServerReachesASubscriber() throws Exception {
        String symbol = "AMZN";
        BigDecimal price = FeedIT.unusualPrice();
        Path ticks = Files.writeString(dir.resolve("ticks.csv"), "0," + symbol + "," + price.toPlainString() + "\n");
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.subscribe(symbol);

            Finished publisher = publish(QuotecastServer.required("quotecast.it.feedPassword"),
                    "--replay", ticks.toString());

            assertEquals(0, publisher.exitCode(), () -> "publisher's exit status; it said:\n" + publisher.output());
            assertTrue(publisher.output().contains("done sent=1 "), () -> "one price sent:\n" + publisher.output());
            JsonObject quote = FeedIT.awaitQuote(socket, symbol, price);
            assertEquals(price.toPlainString(), QuoteShape.number(quote, "price").bigDecimalValue().toPlainString(),
                    () -> "the feed's digits: " + quote);
        }
    }

    @Test
    void aPublisherWithTheWrongPasswordIsRefusedAndSaysSo() throws Exception {
        Finished publisher = publish("not-the-password", "--count", "1");

        assertEquals(1, publisher.exitCode(), () -> "publisher's exit status; it said:\n" + publisher.output());
        assertTrue(publisher.output().contains("publisher: cannot connect to "),
                () -> "one line saying why:\n" + publisher.output());
        assertFalse(publisher.output().contains("\tat "), () -> "no stack trace:\n" + publisher.output());
    }

    private record Finished(int exitCode, String output) {
    }

    private Finished publish(String password, String... what)
            throws IOException, InterruptedException {
        URI base = QuotecastServer.base();
        String broker = "tcp://" + base.getHost() + ":" + base.getPort()
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", QuotecastServer.required("quotecast.it.publisherJar"),
                "--broker", broker, "--user", QuotecastServer.required("quotecast.it.feedUser"),
                "--password", password, "--topic", "jms.topic.quotecastPrices", "--report-seconds", "0"));
        command.addAll(List.of(what));
        Path log = dir.resolve("publisher.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(PUBLISHER_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the publisher did not finish within " + PUBLISHER_BOUND + "; it said:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Finished(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
