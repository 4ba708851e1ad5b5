package io.quotecast.push;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions offered every update of one symbol, kept twice: by subscriber, for subscribing,
 * renewing and counting; and as one array of slots per lane ({@link #byLane}), which is all the
 * fan-out reads. The fan-out hands each lane its array whole ({@link LaneBatch#addAll}), so it
 * touches no subscriber's memory at all: each session's slot, outbox and connection are touched
 * once per update, by the lane that writes to it. Before, the fan-out also visited every
 * subscriber to find its lane (map entry, slot, outbox, transport: cold memory, at 10,000
 * clients, for each of them) and the lane then visited it again (docs/tuning.md).
 *
 * <p>The arrays are copied on every change and never changed once published, so the fan-out
 * reads them without a lock and a lane task writes to exactly the sessions subscribed when the
 * update was fanned out. A change costs a copy of one lane's array (a few microseconds for
 * thousands of subscribers); subscriptions change far less often than updates arrive. A session's
 * lane is fixed for its life (its connection's I/O thread), so where its slot is filed stays right.
 * Changes are serialised per symbol.
 */
final class SymbolSubscribers {

    /** The slots of the sessions of one lane (null: sessions written on the caller's thread). */
    record LaneSlots(Lane lane, Outbox.Slot[] slots) {
    }

    private static final LaneSlots[] NONE = {};

    private final Map<Subscriber, Outbox.Slot> bySubscriber = new ConcurrentHashMap<>();
    private volatile LaneSlots[] byLane = NONE;

    /** Files {@code slot} as the subscriber's, in place of the one it had, if any. */
    synchronized void put(Subscriber subscriber, Outbox.Slot slot) {
        Outbox.Slot previous = bySubscriber.put(subscriber, slot);
        LaneSlots[] groups = previous == null ? byLane : without(byLane, previous);
        byLane = with(groups, slot);
    }

    synchronized void remove(Subscriber subscriber) {
        Outbox.Slot previous = bySubscriber.remove(subscriber);
        if (previous != null) {
            byLane = without(byLane, previous);
        }
    }

    /** A live view, safe to iterate while it changes. */
    Set<Subscriber> subscribers() {
        return bySubscriber.keySet();
    }

    int size() {
        return bySubscriber.size();
    }

    /** The slots by lane as they are now; neither the array nor the slot arrays in it ever change. */
    LaneSlots[] byLane() {
        return byLane;
    }

    private static LaneSlots[] with(LaneSlots[] groups, Outbox.Slot slot) {
        Lane lane = slot.outbox.lane();
        for (int i = 0; i < groups.length; i++) {
            if (groups[i].lane() == lane) {
                Outbox.Slot[] slots = Arrays.copyOf(groups[i].slots(), groups[i].slots().length + 1);
                slots[slots.length - 1] = slot;
                LaneSlots[] changed = groups.clone();
                changed[i] = new LaneSlots(lane, slots);
                return changed;
            }
        }
        LaneSlots[] changed = Arrays.copyOf(groups, groups.length + 1);
        changed[groups.length] = new LaneSlots(lane, new Outbox.Slot[] {slot});
        return changed;
    }

    private static LaneSlots[] without(LaneSlots[] groups, Outbox.Slot slot) {
        for (int i = 0; i < groups.length; i++) {
            Outbox.Slot[] slots = groups[i].slots();
            int at = indexOf(slots, slot);
            if (at < 0) {
                continue;
            }
            if (slots.length == 1) {
                LaneSlots[] changed = new LaneSlots[groups.length - 1];
                System.arraycopy(groups, 0, changed, 0, i);
                System.arraycopy(groups, i + 1, changed, i, groups.length - i - 1);
                return changed;
            }
            Outbox.Slot[] rest = new Outbox.Slot[slots.length - 1];
            System.arraycopy(slots, 0, rest, 0, at);
            System.arraycopy(slots, at + 1, rest, at, slots.length - at - 1);
            LaneSlots[] changed = groups.clone();
            changed[i] = new LaneSlots(groups[i].lane(), rest);
            return changed;
        }
        return groups;
    }

    /** By identity: two sessions' slots of a symbol are never equal anyway. */
    private static int indexOf(Outbox.Slot[] slots, Outbox.Slot slot) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == slot) {
                return i;
            }
        }
        return -1;
    }
}
