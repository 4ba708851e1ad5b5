package io.quotecast.it;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * wrong password the broker refuses it, and it says so and exits 1. The same over the HTTPS
 * port, with the server's certificate put in a trust store by {@code keytool} as the README
 * says; a publisher that does not trust the certificate sends nothing. With {@code --batch-ms},
 * prices due together leave in one message and reach the subscriber in their order. WildFly
 * only: Payara's broker is not Artemis.
 */
public class ExternalFeedIT extends DeployedEar {

    /** A JVM's start, the HTTP upgrade, TLS and the login, on a shared machine. */
    private static final Duration PROCESS_BOUND = Duration.ofSeconds(60);


    @TempDir
    Path dir;

    @Test
    void aPriceSentByThePublisherOutsideTheServerReachesASubscriber() throws Exception {
        String symbol = "AMZN";
        BigDecimal price = FeedIT.unusualPrice();
        Path ticks = Files.writeString(dir.resolve("ticks.csv"), "0," + symbol + "," + price.toPlainString() + "\n");
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.subscribe(symbol);

            FinishedProcess publisher = publish(overHttp(), QuotecastServer.required("quotecast.it.feedPassword"),
                    "--replay", ticks.toString());

            assertReaches(socket, symbol, price, publisher);
        }
    }

    @Test
    void pricesThePublisherSendsInOneMessageReachASubscriberInTheirOrder() throws Exception {
        String symbol = "ORCL";
        BigDecimal first = FeedIT.unusualPrice();
        BigDecimal second = first.add(new BigDecimal("0.000001"));
        Path ticks = Files.writeString(dir.resolve("ticks.csv"),
                "0," + symbol + "," + first.toPlainString() + "\n5," + symbol + "," + second.toPlainString() + "\n");
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.subscribe(symbol);

            FinishedProcess publisher = publish(overHttp(), QuotecastServer.required("quotecast.it.feedPassword"),
                    "--replay", ticks.toString(), "--batch-ms", "50");

            assertEquals(0, publisher.exitCode(), () -> "publisher's exit status; it said:\n" + publisher.output());
            assertTrue(publisher.output().contains("done sent=2 messages=1 "), () -> "one message:\n" + publisher.output());
            List<BigDecimal> ours = socket.readUntil("the second " + symbol + " price, " + second, PROCESS_BOUND,
                            f -> QuoteSocket.isQuoteOf(f, symbol) && FeedIT.priceOf(f).compareTo(second) == 0).stream()
                    .filter(f -> QuoteSocket.isQuoteOf(f, symbol))
                    .map(FeedIT::priceOf)
                    .filter(p -> p.compareTo(first) == 0 || p.compareTo(second) == 0)
                    .toList();
            assertEquals(2, ours.size(), () -> "both prices, once each: " + ours);
            assertEquals(0, ours.get(0).compareTo(first), () -> "in their order: " + ours);
        }
    }

    @Test
    void aPublisherWithTheWrongPasswordIsRefusedAndSaysSo() throws Exception {
        FinishedProcess publisher = publish(overHttp(), "not-the-password", "--count", "1");

        assertRefused(publisher);
    }

    @Test
    void aPriceSentOverTlsToTheHttpsPortReachesASubscriberWhenTheServersCertificateIsTrusted() throws Exception {
        String symbol = "NVDA";
        BigDecimal price = FeedIT.unusualPrice();
        Path ticks = Files.writeString(dir.resolve("ticks.csv"), "0," + symbol + "," + price.toPlainString() + "\n");
        Path trustStore = ServerCertificate.trustStore(dir);
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.subscribe(symbol);

            FinishedProcess publisher = publish(overHttps(ServerCertificate.HOST) + trusting(trustStore),
                    QuotecastServer.required("quotecast.it.feedPassword"), "--replay", ticks.toString());

            assertReaches(socket, symbol, price, publisher);
            assertFalse(publisher.output().contains(ServerCertificate.STORE_PASSWORD), () -> "the store's password shown:\n"
                    + publisher.output());
        }
    }

    @Test
    void aPublisherThatDoesNotTrustTheServersCertificateSendsNothingAndSaysSo() throws Exception {
        // The JDK's own trust store: the test server's certificate is self-signed.
        FinishedProcess publisher = publish(overHttps(ServerCertificate.HOST), QuotecastServer.required("quotecast.it.feedPassword"),
                "--count", "1");

        assertRefused(publisher);
        assertTrue(publisher.output().contains("publisher: broker client SEVERE: ")
                        && publisher.output().contains("SSLHandshakeException"),
                () -> "the handshake's failure, said:\n" + publisher.output());
    }

    @Test
    void aPublisherReachingTheServerByANameItsCertificateDoesNotHoldIsRefused() throws Exception {
        // The certificate names localhost; 127.0.0.1 is the same server, but not the name it proves.
        FinishedProcess publisher = publish(overHttps("127.0.0.1") + trusting(ServerCertificate.trustStore(dir)),
                QuotecastServer.required("quotecast.it.feedPassword"), "--count", "1");

        assertRefused(publisher);
        assertTrue(publisher.output().contains("SSLHandshakeException"), () -> "the handshake's failure, said:\n"
                + publisher.output());
        assertFalse(publisher.output().contains(ServerCertificate.STORE_PASSWORD), () -> "the store's password shown:\n"
                + publisher.output());
    }

    private static void assertReaches(QuoteSocket socket, String symbol, BigDecimal price, FinishedProcess publisher)
            throws Exception {
        assertEquals(0, publisher.exitCode(), () -> "publisher's exit status; it said:\n" + publisher.output());
        assertTrue(publisher.output().contains("done sent=1 "), () -> "one price sent:\n" + publisher.output());
        JsonObject quote = FeedIT.awaitQuote(socket, symbol, price);
        assertEquals(price.toPlainString(), QuoteShape.number(quote, "price").bigDecimalValue().toPlainString(),
                () -> "the feed's digits: " + quote);
    }

    private static void assertRefused(FinishedProcess publisher) {
        assertEquals(1, publisher.exitCode(), () -> "publisher's exit status; it said:\n" + publisher.output());
        assertTrue(publisher.output().contains("publisher: cannot connect to "),
                () -> "one line saying why:\n" + publisher.output());
        assertFalse(publisher.output().contains("\tat "), () -> "no stack trace:\n" + publisher.output());
    }

    private static String overHttp() {
        URI base = QuotecastServer.base();
        return "tcp://" + base.getHost() + ":" + base.getPort()
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor";
    }

    /** The client checks that the certificate names this host, as Artemis' clients do by default. */
    private static String overHttps(String host) {
        return "tcp://" + host + ":" + ServerCertificate.httpsPort()
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=https-acceptor&sslEnabled=true";
    }

    private static String trusting(Path trustStore) {
        return "&trustStorePath=" + trustStore + "&trustStoreType=PKCS12&trustStorePassword=" + ServerCertificate.STORE_PASSWORD;
    }

    private FinishedProcess publish(String broker, String password, String... what)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", QuotecastServer.required("quotecast.it.publisherJar"),
                "--broker", broker, "--user", QuotecastServer.required("quotecast.it.feedUser"),
                "--password", password, "--topic", "jms.topic.quotecastPrices", "--report-seconds", "0"));
        command.addAll(List.of(what));
        return FinishedProcess.run(dir.resolve("publisher.log"), command, PROCESS_BOUND);
    }
}
