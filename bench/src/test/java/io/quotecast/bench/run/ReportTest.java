package io.quotecast.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The ratio rows of the throughput table: a server that held no rate is not a ratio of 0; and what a
 * connections step needs to hold, and how its row shows why.
 */
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

    private static Row connections(int open, double seenUpdates, double p99) {
        return new Row(1, 'B', "connections", 19000, 0, 19000, open, 50, seenUpdates, 95000 * seenUpdates / 50, 1.0,
                11, p99, 40, 50, 0, 0, 0, "{}", "{}", 0.4, 1.0, 0.4, 0.01, false, "idle", 0, -1, "");
    }

    @Test
    void aConnectionsStepHoldsWithEveryClientOpenTheFeedOnScheduleAndP99Under50() {
        assertTrue(Report.connectionsHeld(connections(19000, 49.0, 26)));
        assertFalse(Report.connectionsHeld(connections(18000, 50.0, 26)), "a client not open");
        assertFalse(Report.connectionsHeld(connections(19000, 50.0, 50)), "p99 at 50 ms, not under it");
    }

    @Test
    void aServerWhoseOwnFeedFellBehindItsScheduleDoesNotHoldTheStep() {
        // Pass 2 of session 26's full run: B's 19,000 clients got 45 of the 50 updates/s asked, p99 26 ms.
        assertFalse(Report.connectionsHeld(connections(19000, 45.2, 26)));
    }

    @Test
    void theConnectionsTableShowsTheFeedRateTheClientsSawBesideTheVerdict() {
        assertEquals("| 1 | B | 19000 | 19000 | 45.2 | 85880 | 1.00000 | 11.0 | 26.0 | 50.0 | 0 | 40% | no |"
                        + System.lineSeparator(),
                Report.connectionsRow(connections(19000, 45.2, 26)));
    }
}
