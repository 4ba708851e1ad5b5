package io.quotecast.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ClosingPlanTest {

    @Test
    void withoutASpreadEverythingIsClosedAtOnce() {
        ClosingPlan plan = ClosingPlan.of(ids("s", 2_000), ids("e", 30), 0);

        assertEquals(1, plan.slices().size());
        ClosingPlan.Slice only = plan.slices().get(0);
        assertEquals(0, only.atMillis());
        assertEquals(2_000, only.sockets().size());
        assertEquals(30, only.streams().size());
        assertTrue(only.last(), "the one slice also sweeps up what opened since");
    }

    @Test
    void aCrowdIsClosedInEqualSlicesEveryTickOverTheSpread() {
        ClosingPlan plan = ClosingPlan.of(ids("s", 2_000), ids("e", 100), 5);

        assertEquals(50, plan.slices().size(), "one slice every 100 ms for 5 s");
        for (int tick = 0; tick < 50; tick++) {
            ClosingPlan.Slice slice = plan.slices().get(tick);
            assertEquals(tick * 100L, slice.atMillis());
            assertEquals(40, slice.sockets().size(), "2,000 sessions in 50 slices");
            assertEquals(2, slice.streams().size());
            assertEquals(tick == 49, slice.last());
        }
        assertEquals(4_900, plan.lastMillis());
    }

    @Test
    void everySessionAndStreamIsInExactlyOneSlice() {
        List<String> sockets = ids("s", 1_237);
        List<String> streams = ids("e", 7);
        ClosingPlan plan = ClosingPlan.of(sockets, streams, 3);

        List<String> closed = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        plan.slices().forEach(slice -> {
            closed.addAll(slice.sockets());
            ended.addAll(slice.streams());
        });
        assertEquals(sockets, closed);
        assertEquals(streams, ended);
        assertTrue(plan.lastMillis() < 3_000, "all closed within the spread: " + plan.lastMillis());
    }

    @Test
    void aFewClientsAreClosedFirstNotHeldBackToTheEndOfTheSpread() {
        ClosingPlan plan = ClosingPlan.of(ids("s", 3), List.of(), 5);

        assertEquals(3, plan.slices().size(), "one a tick from the first");
        assertEquals(200, plan.lastMillis());
        assertFalse(plan.slices().get(0).sockets().isEmpty());
    }

    @Test
    void aNodeWithoutClientsStillSweepsOnce() {
        ClosingPlan plan = ClosingPlan.of(List.of(), List.of(), 5);

        assertEquals(1, plan.slices().size());
        assertTrue(plan.slices().get(0).last());
        assertEquals(0, plan.lastMillis());
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }
}
