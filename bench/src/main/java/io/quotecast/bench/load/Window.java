package io.quotecast.bench.load;

import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * What the clients saw during one measurement window. {@code quotes} counts quotes of healthy
 * clients (latency samples); {@code gaps} are updates skipped in a symbol's seq (conflated or
 * lost); {@code updatesPerSecond} is how fast the seqs advanced over all symbols, i.e. the rate the
 * server's feed really achieved; {@code clientCpu} is the generator's own CPU time over the
 * window in cores (1.0 = one core busy).
 */
public record Window(double seconds, int connections, int open, long quotes, long stalledQuotes, long gaps,
                     long duplicates, long reorders, long errors, long unparsable, Map<String, Long> errorCodes,
                     Map<Integer, Long> closeCodes, double updatesPerSecond, Histogram latencyMicros,
                     double clientCpu) {

    public double deliveriesPerSecond() {
        return quotes / seconds;
    }

    /** Delivered over delivered plus skipped: 1.0 when no seq was skipped. */
    public double deliveryRatio() {
        long all = quotes + stalledQuotes + gaps;
        return all == 0 ? 0 : (double) (quotes + stalledQuotes) / all;
    }

    public double percentileMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%d/%d open, %.0f deliveries/s, feed %.1f updates/s, delivery %.5f, gaps %d, dup %d, reorder %d,"
                        + " errors %d %s, closes %s, p50 %.1f p99 %.1f p99.9 %.1f max %.1f ms, client CPU %.2f",
                open, connections, deliveriesPerSecond(), updatesPerSecond, deliveryRatio(), gaps, duplicates, reorders,
                errors, errorCodes, closeCodes, percentileMillis(50), percentileMillis(99), percentileMillis(99.9),
                maxMillis(), clientCpu);
    }
}
