package io.quotecast.it.wildfly;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Wiring check of this module on its own: the unpacked WildFly starts with the full profile on its
 * port offset, takes the built EAR, and the application's simulated feed gets it to ready. The
 * shared tests in src-it/src/test/java go on from there.
 */
@ExtendWith(ArquillianExtension.class)
class ServerStartsIT {

    private static final Duration READINESS_BOUND = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("quotecast.ear")));
    }

    @Test
    void deployedEarReportsHealthyOnceTheSimulatedFeedHasPriced() throws InterruptedException {
        URI health = URI.create(System.getProperty("quotecast.it.baseUrl") + "/api/health");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READINESS_BOUND.toNanos();
        String lastSeen = "no answer yet";
        while (System.nanoTime() - deadline < 0) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastSeen = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                lastSeen = e.toString();
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        fail("GET " + health + " did not answer 200 within " + READINESS_BOUND.toSeconds() + " s; last: " + lastSeen);
    }
}
