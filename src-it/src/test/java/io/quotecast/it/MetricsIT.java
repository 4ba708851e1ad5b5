package io.quotecast.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/metrics} as Prometheus scrapes it: the text format's content type, every
 * sample a number, and counters that move with what clients do, in step with /api/stats.
 */
public class MetricsIT extends DeployedEar {

    private static final Duration COUNTED_BOUND = Duration.ofSeconds(20);

    @Test
    void theCountersAreInPrometheusTextFormat() {
        HttpResponse<String> response = Api.get("/api/metrics");

        assertEquals(200, response.statusCode(), response::body);
        String type = Api.header(response, "Content-Type").orElse("");
        assertTrue(type.startsWith("text/plain") && type.contains("version=0.0.4"), () -> "Content-Type " + type);
        Map<String, Double> samples = samples(response.body());
        assertTrue(value(samples, "quotecast_feed_accepted_total") > 0, () -> "the feed has priced: " + samples);
        assertEquals(1.0, value(samples, "quotecast_feed_live"));
        assertEquals(0.0, value(samples, "quotecast_draining"));
    }

    @Test
    void aSessionOpenedAndClosedIsCounted() {
        double opened = value(samples(Api.get("/api/metrics").body()), "quotecast_sessions_opened_total");
        double closedNormally = Optional.ofNullable(samples(Api.get("/api/metrics").body())
                .get("quotecast_sessions_closed_by_total{how=\"1000\"}")).orElse(0.0);

        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.subscribe("AAPL");
        }

        Await.until("the session counted as opened and closed with 1000", COUNTED_BOUND, () -> {
            Map<String, Double> now = samples(Api.get("/api/metrics").body());
            return value(now, "quotecast_sessions_opened_total") >= opened + 1
                    && now.getOrDefault("quotecast_sessions_closed_by_total{how=\"1000\"}", 0.0) >= closedNormally + 1;
        });
    }

    private static double value(Map<String, Double> samples, String name) {
        Double value = samples.get(name);
        if (value == null) {
            throw new AssertionFailedError("No sample " + name + " in /api/metrics: " + samples.keySet());
        }
        return value;
    }

    /** Sample lines by name and labels; comments skipped; any other line fails the test. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (RuntimeException e) {
                throw new AssertionFailedError("Not a sample line: " + line, e);
            }
        }
        return samples;
    }
}
