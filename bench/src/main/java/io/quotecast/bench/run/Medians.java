package io.quotecast.bench.run;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The median of repeated windows of one step, field by field; the fewest clients open of any. */
final class Medians {

    private Medians() {
    }

    static Row of(List<Row> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Row f = rows.get(0);
        return new Row(f.pass(), f.server(), f.workload(), f.step(), 0, f.connections(),
                rows.stream().mapToInt(Row::open).min().orElse(0), f.nominalUpdates(),
                median(rows, Row::seenUpdates), median(rows, Row::deliveries), median(rows, Row::deliveryRatio),
                median(rows, Row::p50), median(rows, Row::p99), median(rows, Row::p999), median(rows, Row::max),
                (long) median(rows, r -> r.gaps()), rows.stream().mapToLong(Row::duplicates).sum(),
                rows.stream().mapToLong(Row::reorders).sum(), f.errors(), f.closes(), median(rows, Row::clientCpu),
                median(rows, Row::serverCoreBusy), median(rows, Row::clientCoreBusy), median(rows, Row::foreign),
                rows.stream().anyMatch(Row::clientBound), f.idle(), (long) median(rows, r -> r.rss()),
                (long) median(rows, r -> r.heap()), f.note());
    }

    static double median(List<Row> rows, ToDoubleFunction<Row> field) {
        return median(rows.stream().mapToDouble(field).toArray());
    }

    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
