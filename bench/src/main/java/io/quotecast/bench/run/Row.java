package io.quotecast.bench.run;

import java.util.Locale;

import io.quotecast.bench.load.Window;

/**
 * One measured window, as a line of results.tsv: which pass and server, which workload and step
 * (the feed rate in updates/s, or the connection count), what the clients saw, and the machine
 * around it: each core's busy fraction from /proc/stat, the CPU the server and the generator
 * used, and what was left for others ({@code foreign}, in cores; loopback softirq time that the
 * kernel charges to no process shows up there too).
 */
public record Row(int pass, char server, String workload, double step, int repeat, int connections, int open,
                  double nominalUpdates, double seenUpdates, double deliveries, double deliveryRatio, double p50,
                  double p99, double p999, double max, long gaps, long duplicates, long reorders, String errors,
                  String closes, double clientCpu, double serverCoreBusy, double clientCoreBusy, double foreign,
                  boolean clientBound, String idle, long rss, long heap, String note) {

    public static final String HEADER = String.join("\t", "pass", "server", "workload", "step", "repeat",
            "connections", "open", "nominalUpdates", "seenUpdates", "deliveries", "deliveryRatio", "p50", "p99", "p999",
            "max", "gaps", "duplicates", "reorders", "errors", "closes", "clientCpu", "serverCoreBusy",
            "clientCoreBusy", "foreign", "clientBound", "idle", "rss", "heap", "note");

    static Row of(int pass, char server, String workload, double step, int repeat, double nominalUpdates, Window w,
                  double serverBusy, double clientBusy, double foreign, String idle, long rss, long heap, String note) {
        return new Row(pass, server, workload, step, repeat, w.connections(), w.open(), nominalUpdates,
                w.updatesPerSecond(), w.deliveriesPerSecond(), w.deliveryRatio(), w.percentileMillis(50),
                w.percentileMillis(99), w.percentileMillis(99.9), w.maxMillis(), w.gaps(), w.duplicates(),
                w.reorders(), w.errorCodes().toString().replace('\t', ' '), w.closeCodes().toString(), w.clientCpu(),
                serverBusy, clientBusy, foreign, clientBusy > 0.8, idle, rss, heap, note);
    }

    public String tsv() {
        return String.join("\t", String.valueOf(pass), String.valueOf(server), workload, num(step),
                String.valueOf(repeat), String.valueOf(connections), String.valueOf(open), num(nominalUpdates),
                num(seenUpdates), num(deliveries), String.format(Locale.ROOT, "%.6f", deliveryRatio), num(p50), num(p99),
                num(p999), num(max), String.valueOf(gaps), String.valueOf(duplicates), String.valueOf(reorders),
                errors, closes, num(clientCpu), num(serverCoreBusy), num(clientCoreBusy), num(foreign),
                String.valueOf(clientBound), idle, String.valueOf(rss), String.valueOf(heap), note.replace('\t', ' '));
    }

    public static Row parse(String line) {
        String[] f = line.split("\t", -1);
        int i = 0;
        return new Row(Integer.parseInt(f[i++]), f[i++].charAt(0), f[i++], d(f[i++]), Integer.parseInt(f[i++]),
                Integer.parseInt(f[i++]), Integer.parseInt(f[i++]), d(f[i++]), d(f[i++]), d(f[i++]), d(f[i++]),
                d(f[i++]), d(f[i++]), d(f[i++]), d(f[i++]), Long.parseLong(f[i++]), Long.parseLong(f[i++]),
                Long.parseLong(f[i++]), f[i++], f[i++], d(f[i++]), d(f[i++]), d(f[i++]), d(f[i++]),
                Boolean.parseBoolean(f[i++]), f[i++], Long.parseLong(f[i++]), Long.parseLong(f[i++]), f[i]);
    }

    /** Passes the throughput criteria: every client open, p99 and delivery within limits, the feed on schedule. */
    public boolean holds(double p99Limit, double deliveryFloor) {
        return open == connections && !Double.isNaN(p99) && p99 <= p99Limit && deliveryRatio >= deliveryFloor
                && seenUpdates >= 0.97 * nominalUpdates;
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static double d(String text) {
        return Double.parseDouble(text);
    }
}
