package io.quotecast.it;

import jakarta.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quotecast over the server's HTTPS listener, as a browser on a network that allows only TLS
 * reaches it: the quotes WebSocket as {@code wss://} with the page's own {@code https} origin,
 * and the Server-Sent Events fallback as {@code https://}. The clients trust the server's
 * certificate alone ({@link ServerCertificate}) and check that it names the host they asked for.
 */
public class TlsIT extends DeployedEar {

    private static final Duration QUOTE_BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aSubscriberOverWssWithThePagesHttpsOriginGetsQuotes() throws Exception {
        ClientManager client = ClientManager.createClient();
        SslEngineConfigurator tls = new SslEngineConfigurator(ServerCertificate.trustingIt(dir), true, false, false);
        tls.setHostVerificationEnabled(true);
        client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, tls);
        String origin = "https://" + ServerCertificate.HOST + ":" + ServerCertificate.httpsPort();
        URI wss = URI.create("wss://" + ServerCertificate.HOST + ":" + ServerCertificate.httpsPort()
                + QuotecastServer.base().getRawPath() + "/ws/quotes");
        try (QuoteSocket socket = QuoteSocket.open(client, wss, Identity.CLIENT, Map.of("Origin", List.of(origin)))) {
            socket.expect("welcome");
            socket.subscribe("AAPL");

            List<JsonObject> quotes = socket.quotes(2, QUOTE_BOUND);

            assertTrue(quotes.stream().allMatch(q -> QuoteSocket.isQuoteOf(q, "AAPL")), () -> "AAPL quotes: " + quotes);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aServerSentEventsStreamOverHttpsCarriesQuotes() throws Exception {
        SSLContext tls = ServerCertificate.trustingIt(dir);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI stream = URI.create("https://" + ServerCertificate.HOST + ":" + ServerCertificate.httpsPort()
                + QuotecastServer.base().getRawPath() + "/api/stream?symbols=AAPL");
        try (EventStream events = EventStream.open(http, stream, Identity.CLIENT)) {
            assertEquals(200, events.status());

            List<EventStream.Event> read = events.readUntil("an AAPL quote", QUOTE_BOUND,
                    e -> "quote".equals(e.name()) && "AAPL".equals(e.json().getString("symbol", null)));
            EventStream.Event quote = read.get(read.size() - 1);

            assertTrue(quote.json().containsKey("price"), () -> "a price: " + quote.data());
        }
    }
}
