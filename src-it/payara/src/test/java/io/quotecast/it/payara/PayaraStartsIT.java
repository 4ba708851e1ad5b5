package io.quotecast.it.payara;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves this module's wiring before the shared tests rely on it: the managed domain starts on its
 * own ports, takes the built EAR (MDB, JMS topic, timer and all) and serves it at
 * {@code quotecast.it.baseUrl}.
 */
@ExtendWith(ArquillianExtension.class)
class PayaraStartsIT {

    /** Deployment returns before the feed has priced anything; this is how long that may take. */
    private static final Duration READY_BOUND = Duration.ofSeconds(120);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("quotecast.ear")));
    }

    @Test
    void deployedEarBecomesHealthyOnceTheSimulatedFeedHasPriced() throws InterruptedException {
        URI health = URI.create(System.getProperty("quotecast.it.baseUrl") + "/api/health");
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(READY_BOUND);
        String lastSeen = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
                lastSeen = "status " + status;
            } catch (IOException e) {
                // Not listening yet, or too busy starting up to answer in time: not ready yet.
                lastSeen = e.toString();
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        fail("GET " + health + " did not answer 200 within " + READY_BOUND.toSeconds() + " s; last: " + lastSeen);
    }
}
