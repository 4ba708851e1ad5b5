package io.quotecast.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-core CPU time from {@code /proc/stat}, so that time the kernel spends on loopback (softirq,
 * system) counts towards the core it ran on, whoever caused it. {@link #busySince} gives each
 * core's busy fraction between two readings (0 to 1); without {@code /proc/stat} it is empty.
 * {@link #perDelivery} splits one core's time into user, system and softirq per delivery: a server
 * whose cost per delivery moves shows on which side of the socket it moved (session 12 had to
 * sample that from outside the harness).
 */
public record CpuTimes(long[] busy, long[] total, long[] user, long[] system, long[] softirq) {

    public static CpuTimes read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/stat")));
        } catch (IOException | RuntimeException e) {
            return parse(List.of());
        }
    }

    /**
     * One {@code cpuN} line per core: user, nice, system, idle, iowait, irq, softirq, steal, then
     * the guest times, which user already contains (hence the first eight only).
     */
    static CpuTimes parse(List<String> lines) {
        List<long[]> cores = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            long[] t = new long[8];
            for (int i = 0; i < t.length && i + 1 < f.length; i++) {
                t[i] = Long.parseLong(f[i + 1]);
            }
            long sum = 0;
            for (long v : t) {
                sum += v;
            }
            cores.add(new long[] {sum - t[3] - t[4], sum, t[0] + t[1], t[2], t[6]});
        }
        int n = cores.size();
        long[][] columns = new long[5][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < columns.length; c++) {
                columns[c][i] = cores.get(i)[c];
            }
        }
        return new CpuTimes(columns[0], columns[1], columns[2], columns[3], columns[4]);
    }

    public double[] busySince(CpuTimes earlier) {
        int n = Math.min(busy.length, earlier.busy.length);
        double[] fraction = new double[n];
        for (int i = 0; i < n; i++) {
            long t = total[i] - earlier.total[i];
            fraction[i] = t <= 0 ? 0 : (double) (busy[i] - earlier.busy[i]) / t;
        }
        return fraction;
    }

    /**
     * {@code core}'s user, system and softirq time since {@code earlier}, in microseconds per
     * delivery over a window of {@code seconds}; empty when the core was not read or nothing was
     * delivered.
     */
    String perDelivery(CpuTimes earlier, int core, double seconds, long deliveries) {
        if (deliveries <= 0 || seconds <= 0 || core < 0 || core >= total.length || core >= earlier.total.length) {
            return "";
        }
        long elapsed = total[core] - earlier.total[core];
        if (elapsed <= 0) {
            return "";
        }
        double micros = seconds * 1e6 / elapsed / deliveries;
        return String.format(Locale.ROOT, "server core per delivery: %.1f us user, %.1f us system, %.1f us softirq",
                (user[core] - earlier.user[core]) * micros, (system[core] - earlier.system[core]) * micros,
                (softirq[core] - earlier.softirq[core]) * micros);
    }

    /** Busy fraction of {@code core}, or NaN when it was not read. */
    public static double of(double[] busy, int core) {
        return core >= 0 && core < busy.length ? busy[core] : Double.NaN;
    }
}
