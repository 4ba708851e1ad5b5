package io.quotecast.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-core CPU time from {@code /proc/stat}, so that time the kernel spends on loopback (softirq,
 * system) counts towards the core it ran on, whoever caused it. {@link #busySince} gives each
 * core's busy fraction between two readings (0 to 1); without {@code /proc/stat} it is empty.
 */
public record CpuTimes(long[] busy, long[] total) {

    public static CpuTimes read() {
        List<long[]> cores = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                long sum = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    sum += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                cores.add(new long[] {sum - idle, sum});
            }
        } catch (IOException | RuntimeException e) {
            return new CpuTimes(new long[0], new long[0]);
        }
        long[] busy = new long[cores.size()];
        long[] total = new long[cores.size()];
        for (int i = 0; i < cores.size(); i++) {
            busy[i] = cores.get(i)[0];
            total[i] = cores.get(i)[1];
        }
        return new CpuTimes(busy, total);
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

    /** Busy fraction of {@code core}, or NaN when it was not read. */
    public static double of(double[] busy, int core) {
        return core >= 0 && core < busy.length ? busy[core] : Double.NaN;
    }
}
