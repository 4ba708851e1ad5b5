package io.quotecast.bench.run;

import java.time.Duration;
import java.util.Locale;

/**
 * Before each phase, with none of our servers running: is the machine idle? Samples every core
 * for three seconds; a core busier than the threshold (someone else's build) makes the phase
 * "busy". It waits up to {@code idleWait} for the machine to calm down, then either flags the
 * phase (the default: the figures are reported with the flag) or aborts the run.
 */
final class IdleCheck {

    private final RunSettings settings;

    IdleCheck(RunSettings settings) {
        this.settings = settings;
    }

    /** "idle" or "busy: cpu0 43%, cpu1 12%". */
    String await() throws InterruptedException {
        long deadline = System.nanoTime() + settings.idleWait().toNanos();
        String verdict;
        do {
            verdict = sample(Duration.ofSeconds(3));
            if (verdict.equals("idle")) {
                return verdict;
            }
            System.out.println("[idle check] " + verdict + "; waiting for the machine to calm down");
        } while (System.nanoTime() < deadline);
        if (settings.abortIfBusy()) {
            throw new IllegalStateException("Machine still busy after " + settings.idleWait() + " (" + verdict
                    + "); run again later or without --abort-if-busy to flag instead");
        }
        return verdict;
    }

    private String sample(Duration length) throws InterruptedException {
        CpuTimes before = CpuTimes.read();
        Thread.sleep(length.toMillis());
        double[] busy = CpuTimes.read().busySince(before);
        StringBuilder cores = new StringBuilder();
        boolean isBusy = false;
        for (int i = 0; i < busy.length; i++) {
            isBusy |= busy[i] > settings.idleThreshold();
            cores.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "cpu%d %.0f%%", i, 100 * busy[i]));
        }
        return isBusy ? "busy: " + cores : "idle";
    }
}
