package io.quotecast.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static StatsResource.Stats stats(Map<String, Long> closedBy, Map<String, Long> rejectedBy, long hearingLagMillis,
                                             String feed, boolean draining) {
        return new StatsResource.Stats(3, 1, 2, 40, 37, closedBy, 30, 1000, 5, 29000, 40, 28000, 7, 11, 2, 1, 4, 6, 1, 1, 3,
                hearingLagMillis, 1, 2, 1, 0, 3, 5, 6, 4, 8, 900, 890, 10, rejectedBy, feed, 2, 74, draining);
    }

    @Test
    void everyFieldOfTheStatsIsAMetric() {
        List<String> components = Arrays.stream(StatsResource.Stats.class.getRecordComponents())
                .map(RecordComponent::getName).sorted().toList();

        assertEquals(components, PrometheusText.fields().stream().sorted().toList());
    }

    @Test
    void countersGaugesAndLabelledSeriesInTheTextFormat() {
        Map<String, Long> closedBy = new TreeMap<>(Map.of("1000", 30L, "1006", 5L, "error IOException", 2L));
        Map<String, Long> rejectedBy = new LinkedHashMap<>();
        rejectedBy.put("MALFORMED", 9L);
        rejectedBy.put("STALE_SEQUENCE", 1L);

        String text = PrometheusText.render(stats(closedBy, rejectedBy, 1500, "live", false));

        assertTrue(text.contains("# HELP quotecast_sessions_opened_total WebSocket sessions opened.\n"
                + "# TYPE quotecast_sessions_opened_total counter\n"
                + "quotecast_sessions_opened_total 40\n"), text);
        assertTrue(text.contains("# TYPE quotecast_open_sessions gauge\nquotecast_open_sessions 3\n"), text);
        assertTrue(text.contains("\nquotecast_hearing_lag_seconds 1.5\n"), text);
        assertTrue(text.contains("\nquotecast_feed_live 1\n"), text);
        assertTrue(text.contains("\nquotecast_draining 0\n"), text);
        assertTrue(text.contains("# TYPE quotecast_sessions_closed_by_total counter\n"
                + "quotecast_sessions_closed_by_total{how=\"1000\"} 30\n"
                + "quotecast_sessions_closed_by_total{how=\"1006\"} 5\n"
                + "quotecast_sessions_closed_by_total{how=\"error IOException\"} 2\n"), text);
        assertTrue(text.contains("quotecast_feed_rejected_by_reason_total{reason=\"MALFORMED\"} 9\n"
                + "quotecast_feed_rejected_by_reason_total{reason=\"STALE_SEQUENCE\"} 1\n"), text);
        assertTrue(text.endsWith("\n"), "the format ends every line");
    }

    @Test
    void aStaleDrainingNodeSaysSo() {
        String text = PrometheusText.render(stats(Map.of(), Map.of(), 0, "stale", true));

        assertTrue(text.contains("\nquotecast_feed_live 0\n"), text);
        assertTrue(text.contains("\nquotecast_draining 1\n"), text);
        assertTrue(text.contains("\nquotecast_hearing_lag_seconds 0\n"), text);
    }

    @Test
    void labelValuesAreEscapedAsTheFormatSays() {
        assertEquals("a\\\\b\\\"c\\nd", PrometheusText.labelValue("a\\b\"c\nd"));
    }

    @Test
    void everySampleLineIsANameAnOptionalLabelSetAndANumber() {
        String text = PrometheusText.render(stats(Map.of("1001", 1L), Map.of("NOT_TEXT", 2L), 250, "live", false));

        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP quotecast_") || line.startsWith("# TYPE quotecast_")
                    || line.matches("quotecast_[a-z_]+(\\{[a-z]+=\"[^\"]*\"})? -?[0-9]+(\\.[0-9]+)?"), line);
        }
    }
}
