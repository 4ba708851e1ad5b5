package io.quotecast.status;

import java.util.ArrayList;
import java.util.List;

/**
 * A drain's closes, spread over {@code quotecast.drain.spread-seconds}: the sessions and streams
 * open when the delay ends, cut into equal slices, one slice a tick. Closed all at once, a node's
 * clients all reach the other nodes within the page's first backoff and queue there for their
 * handshakes; spread, each finds them free. The slices are filled from the first, so a node with
 * few clients closes them at once; the last slice also takes whatever opened since the plan.
 */
record ClosingPlan(List<Slice> slices) {

    static final long TICK_MILLIS = 100;

    /** What to close {@code atMillis} after the delay ended. */
    record Slice(long atMillis, List<String> sockets, List<String> streams, boolean last) {
    }

    static ClosingPlan of(List<String> sockets, List<String> streams, int spreadSeconds) {
        int ticks = (int) Math.max(1, spreadSeconds * 1000L / TICK_MILLIS);
        int socketsATick = (sockets.size() + ticks - 1) / ticks;
        int streamsATick = (streams.size() + ticks - 1) / ticks;
        int used = Math.max(1, Math.max(ticksFor(sockets.size(), socketsATick), ticksFor(streams.size(), streamsATick)));
        List<Slice> slices = new ArrayList<>(used);
        for (int tick = 0; tick < used; tick++) {
            slices.add(new Slice(tick * TICK_MILLIS, part(sockets, tick, socketsATick), part(streams, tick, streamsATick),
                    tick == used - 1));
        }
        return new ClosingPlan(List.copyOf(slices));
    }

    /** When the last slice is closed, after the delay. */
    long lastMillis() {
        return slices.get(slices.size() - 1).atMillis();
    }

    private static int ticksFor(int size, int perTick) {
        return perTick == 0 ? 0 : (size + perTick - 1) / perTick;
    }

    private static List<String> part(List<String> ids, int tick, int perTick) {
        int from = Math.min(ids.size(), tick * perTick);
        return List.copyOf(ids.subList(from, Math.min(ids.size(), from + perTick)));
    }
}
