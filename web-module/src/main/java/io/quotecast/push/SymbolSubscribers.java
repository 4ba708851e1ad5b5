package io.quotecast.push;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The sessions of one symbol, as one array of slots per lane ({@link #byLane}), which is all the
 * fan-out reads. The fan-out hands each lane its array whole ({@link LaneBatch#addAll}), so it
 * touches no subscriber's memory at all: each session's slot, outbox and connection are touched
 * once per update, by the lane that writes to it. Before, the fan-out also visited every
 * subscriber to find its lane (map entry, slot, outbox, transport: cold memory, at 10,000
 * clients, for each of them) and the lane then visited it again (docs/tuning.md).
 *
 * <p>The arrays are copied on every change and never changed once published, so the fan-out
 * reads them without a lock and a lane task writes to exactly the sessions subscribed when the
 * update was fanned out. A change costs a copy of one lane's arrays (a few microseconds for
 * thousands of subscribers); subscriptions change far less often than updates arrive. They are
 * the only index, 8 bytes a subscription: a map by subscriber beside them cost 40 more, about
 * 400 bytes per client of 10 symbols (docs/benchmarks.md, "Session 14"). A session's lane is
 * fixed for its life (its connection's I/O thread), so where its slot is filed stays right.
 * Changes are serialised per symbol.
 */
final class SymbolSubscribers {

    /**
     * The sessions of one lane (null: sessions written on the caller's thread): their slots of the
     * symbol, and the subscribers they belong to, at the same index.
     */
    record LaneSlots(Lane lane, Outbox.Slot[] slots, Subscriber[] subscribers) {
    }

    /** No lanes: a symbol nobody is subscribed to. */
    static final LaneSlots[] NONE = {};

    private volatile LaneSlots[] byLane = NONE;

    /** Files {@code slot} as the subscriber's, in place of the one it had, if any. */
    synchronized void put(Subscriber subscriber, Outbox.Slot slot) {
        byLane = with(without(byLane, subscriber), subscriber, slot);
    }

    synchronized void remove(Subscriber subscriber) {
        byLane = without(byLane, subscriber);
    }

    /** The subscribers as they are now: a copy, which later changes do not reach. */
    Set<Subscriber> subscribers() {
        Set<Subscriber> all = new LinkedHashSet<>();
        for (LaneSlots lane : byLane) {
            all.addAll(Arrays.asList(lane.subscribers()));
        }
        return all;
    }

    /** Whether nobody is subscribed: a lane whose last session leaves is dropped, so no lanes. */
    boolean isEmpty() {
        return byLane.length == 0;
    }

    int size() {
        int size = 0;
        for (LaneSlots lane : byLane) {
            size += lane.slots().length;
        }
        return size;
    }

    /** The slots by lane as they are now; neither the array nor the arrays in it ever change. */
    LaneSlots[] byLane() {
        return byLane;
    }

    private static LaneSlots[] with(LaneSlots[] groups, Subscriber subscriber, Outbox.Slot slot) {
        Lane lane = slot.outbox.lane();
        for (int i = 0; i < groups.length; i++) {
            LaneSlots group = groups[i];
            if (group.lane() == lane) {
                int n = group.slots().length;
                Outbox.Slot[] slots = Arrays.copyOf(group.slots(), n + 1);
                Subscriber[] subscribers = Arrays.copyOf(group.subscribers(), n + 1);
                slots[n] = slot;
                subscribers[n] = subscriber;
                LaneSlots[] changed = groups.clone();
                changed[i] = new LaneSlots(lane, slots, subscribers);
                return changed;
            }
        }
        LaneSlots[] changed = Arrays.copyOf(groups, groups.length + 1);
        changed[groups.length] = new LaneSlots(lane, new Outbox.Slot[] {slot}, new Subscriber[] {subscriber});
        return changed;
    }

    /** Without the subscriber's slot, if it has one; {@code groups} itself if not. */
    private static LaneSlots[] without(LaneSlots[] groups, Subscriber subscriber) {
        for (int i = 0; i < groups.length; i++) {
            LaneSlots group = groups[i];
            int at = indexOf(group.subscribers(), subscriber);
            if (at < 0) {
                continue;
            }
            int n = group.slots().length;
            if (n == 1) {
                LaneSlots[] changed = new LaneSlots[groups.length - 1];
                System.arraycopy(groups, 0, changed, 0, i);
                System.arraycopy(groups, i + 1, changed, i, groups.length - i - 1);
                return changed;
            }
            LaneSlots[] changed = groups.clone();
            changed[i] = new LaneSlots(group.lane(), dropped(group.slots(), at, new Outbox.Slot[n - 1]),
                    dropped(group.subscribers(), at, new Subscriber[n - 1]));
            return changed;
        }
        return groups;
    }

    /** {@code from} without its element at {@code at}, into {@code into} (one shorter), in order. */
    private static <T> T[] dropped(T[] from, int at, T[] into) {
        System.arraycopy(from, 0, into, 0, at);
        System.arraycopy(from, at + 1, into, at, from.length - at - 1);
        return into;
    }

    /** By the record's equality, as the map by subscriber that this replaced looked it up. */
    private static int indexOf(Subscriber[] subscribers, Subscriber subscriber) {
        for (int i = 0; i < subscribers.length; i++) {
            if (subscribers[i].equals(subscriber)) {
                return i;
            }
        }
        return -1;
    }
}
