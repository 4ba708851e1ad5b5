package io.quotecast.bench.run;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code /proc/stat} as Linux prints it, read into each core's busy share and its split per delivery. */
class CpuTimesTest {

    /** Two cores; core 0's fields given, core 1 idle. Fields: user nice system idle iowait irq softirq steal guest guest_nice. */
    private static CpuTimes stat(long user, long nice, long system, long idle, long softirq) {
        return CpuTimes.parse(List.of(
                "cpu  1 2 3 4 5 6 7 8 0 0",
                "cpu0 " + user + " " + nice + " " + system + " " + idle + " 0 0 " + softirq + " 0 0 0",
                "cpu1 0 0 0 " + idle + " 0 0 0 0 0 0",
                "intr 123 4 5",
                "ctxt 999"));
    }

    @Test
    void eachCoresBusyShareCountsKernelTimeAndLeavesIdleOut() {
        CpuTimes before = stat(100, 0, 100, 1_000, 100);
        CpuTimes after = stat(100 + 300, 20, 100 + 250, 1_000 + 250, 100 + 180);

        // core 0: 1,000 ticks, 750 of them busy; core 1: 250 ticks, all idle
        assertArrayEquals(new double[] {0.75, 0.0}, after.busySince(before), 1e-9);
    }

    @Test
    void theServerCoresTimeIsSplitIntoMicrosecondsPerDelivery() {
        CpuTimes before = stat(100, 0, 100, 1_000, 100);
        // 1,000 ticks over a 10 s window: a tick is 10 ms; 320 user (nice counts), 250 system, 180 softirq
        CpuTimes after = stat(100 + 300, 20, 100 + 250, 1_000 + 250, 100 + 180);

        assertEquals("server core per delivery: 6.4 us user, 5.0 us system, 3.6 us softirq",
                after.perDelivery(before, 0, 10, 500_000));
    }

    @Test
    void withoutTheCoreOrWithoutDeliveriesThereIsNothingToSay() {
        CpuTimes none = CpuTimes.parse(List.of());
        CpuTimes some = stat(1, 0, 1, 10, 1);
        CpuTimes later = stat(2, 0, 2, 20, 2);

        assertEquals(0, none.busySince(some).length);
        assertEquals("", later.perDelivery(none, 0, 10, 100));
        assertEquals("", later.perDelivery(some, 5, 10, 100));
        assertEquals("", later.perDelivery(some, 0, 10, 0));
        assertEquals("", some.perDelivery(some, 0, 10, 100));
    }
}
