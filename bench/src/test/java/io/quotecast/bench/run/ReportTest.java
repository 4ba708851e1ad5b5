package io.quotecast.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The ratio rows of the throughput table: a server that held no rate is not a ratio of 0. */
class ReportTest {

    private static Row held(int pass, char server, double deliveries) {
        return new Row(pass, server, "throughput", deliveries / 1000, 1, 10000, 10000, deliveries / 1000,
                deliveries / 1000, deliveries, 1.0, 8, 60, 70, 80, 0, 0, 0, "{}", "{}", 0.4, 0.8, 0.5, 0.01, false,
                "idle", 0, -1, "");
    }

    @Test
    void aPairWhereBothHeldARateGetsTheirRatio() {
        assertEquals("| A (pass 1) / B (pass 2) | 70058 | 80126 | 0.87 |" + System.lineSeparator(),
                Report.pairRow(1, held(1, 'A', 70058), 'B', 2, held(2, 'B', 80126)));
    }

    @Test
    void aSideThatHeldNoneOfTheRatesAskedShowsSoAndThePairHasNoRatio() {
        assertEquals("| A (pass 1) / C (pass 2) | none held | 80193 | none |" + System.lineSeparator(),
                Report.pairRow(1, null, 'C', 2, held(2, 'C', 80193)));
        assertEquals("| A (pass 4) / C (pass 3) | 50019 | none held | none |" + System.lineSeparator(),
                Report.pairRow(4, held(4, 'A', 50019), 'C', 3, null));
    }
}
