package io.quotecast.push;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sessions of one symbol, as one array of slots per lane ({@link #byLane}), which is all the
 * fan-out reads. The fan-out hands each lane its array whole ({@link LaneBatch#addAll}), so it
 * touches no subscriber's memory at all: each session's slot, outbox and connection are touched
 * once per update, by the lane that writes to it. Before, the fan-out also visited every
 * subscriber to find its lane (map entry, slot, outbox, transport: cold memory, at 10,000
 * clients, for each of them) and the lane then visited it again (docs/tuning.md).
 *
 * <p>The arrays are never changed once published, so the fan-out reads them without a lock and a
 * lane task writes to exactly the sessions subscribed when the update was fanned out. Changes
 * are not copied into them one by one: copying a lane's arrays for each subscribe and searching
 * them for each unsubscribe made a burst of N sessions subscribing to one symbol cost N²/2 (a
 * node taking over 20,000 clients of a failed one spent seconds per popular symbol, every
 * subscribe of that symbol waiting on the one before). Now only the first few changes between
 * two reads are copied in at once ({@link #AT_ONCE_PER_READ}: a client coming or going costs
 * what it did); the rest are kept aside ({@code pending}, a session's last change winning) and
 * folded into new arrays in one pass, O(subscribers + changes), the next time anyone reads
 * ({@link #byLane}: the next update of the symbol), or when they reach an eighth of the
 * subscribers, so a burst of subscriptions to a quiet symbol costs a few passes, not one per
 * change. A fold looks at every entry (which session each belongs to), so it is kept for bursts:
 * folding every change made steady churn dearer for the fan-out thread, which pays for a fold. The arrays are the only lasting index, 8 bytes a
 * subscription: a map by subscriber beside them cost 40 more, about 400 bytes per client of 10
 * symbols (docs/benchmarks.md, "Session 14"). A session's lane is fixed for its life (its
 * connection's I/O thread), so where its slot is filed stays right. Changes are serialised per
 * symbol; a session is known by its outbox.
 */
final class SymbolSubscribers {

    /**
     * The sessions of one lane (null: sessions written on the caller's thread): their slots of the
     * symbol, and the subscribers they belong to, at the same index.
     */
    record LaneSlots(Lane lane, Outbox.Slot[] slots, Subscriber[] subscribers) {
    }

    /** A session's last change since the arrays were built: its new slot, or none (removed). */
    private record Change(Subscriber subscriber, Outbox.Slot slot) {
    }

    /** No lanes: a symbol nobody is subscribed to. */
    static final LaneSlots[] NONE = {};

    /** Changes are folded in at the latest when there are this many, or an eighth of the subscribers. */
    static final int MIN_FOLD = 32;

    /**
     * Changes applied at once, one copy each, between two reads; past these they are kept aside.
     * A client coming or going (a leave and a join per symbol) stays a copy of references on its
     * own thread, as before, rather than a fold on the fan-out's, which must look at every entry.
     */
    static final int AT_ONCE_PER_READ = 4;

    private volatile LaneSlots[] byLane = NONE;
    /** Whether {@code pending} holds changes not yet in {@code byLane}: the readers' only extra cost. */
    private volatile boolean dirty;
    /** Guarded by this: by outbox (identity), in the order first changed. */
    private Map<Outbox, Change> pending = new LinkedHashMap<>();
    /** Guarded by this: the subscriptions in {@code byLane}. */
    private int published;
    /**
     * Changes applied at once since the index was last read. Written by readers without the lock
     * (only to reset it, and only when not 0); a lost update only changes which of two correct
     * ways the next change takes.
     */
    private volatile int atOnceSinceRead;

    /** Files {@code slot} as the subscriber's, in place of the one it had, if any. */
    synchronized void put(Subscriber subscriber, Outbox.Slot slot) {
        change(subscriber, slot);
    }

    synchronized void remove(Subscriber subscriber) {
        change(subscriber, null);
    }

    /** The subscribers as they are now: a copy, which later changes do not reach. */
    Set<Subscriber> subscribers() {
        Set<Subscriber> all = new LinkedHashSet<>();
        for (LaneSlots lane : byLane()) {
            all.addAll(Arrays.asList(lane.subscribers()));
        }
        return all;
    }

    /** Whether nobody is subscribed: a lane whose last session leaves is dropped, so no lanes. */
    boolean isEmpty() {
        return byLane().length == 0;
    }

    int size() {
        int size = 0;
        for (LaneSlots lane : byLane()) {
            size += lane.slots().length;
        }
        return size;
    }

    /** Changes kept aside, not yet in the arrays (for tests: never more than a fold's worth). */
    synchronized int pendingChanges() {
        return pending.size();
    }

    /**
     * The slots by lane as they are now, every change made so far included; neither the array nor
     * the arrays in it ever change.
     */
    LaneSlots[] byLane() {
        if (dirty) {
            synchronized (this) {
                fold();
            }
        }
        if (atOnceSinceRead != 0) {
            atOnceSinceRead = 0;
        }
        return byLane;
    }

    /** Under the lock. */
    private void change(Subscriber subscriber, Outbox.Slot slot) {
        if (pending.isEmpty() && atOnceSinceRead < AT_ONCE_PER_READ) {
            atOnceSinceRead++;
            LaneSlots[] without = without(byLane, subscriber);
            byLane = slot == null ? without : with(without, subscriber, slot);
            published = count(byLane);
            return;
        }
        pending.put(subscriber.outbox(), new Change(subscriber, slot));
        dirty = true;
        if (pending.size() >= Math.max(MIN_FOLD, published / 8)) {
            fold();
        }
    }

    /**
     * Under the lock: new arrays from the published ones and the pending changes, in one pass. A
     * lane that neither loses nor gains a session keeps its arrays, and if none changes (removals
     * of sessions that were not here: a subscription moving between the paced and unpaced index
     * removes it from the other) nothing new is published.
     */
    private void fold() {
        if (pending.isEmpty()) {
            dirty = false;
            return;
        }
        List<Lane> addedLanes = new ArrayList<>();
        List<List<Change>> added = new ArrayList<>();
        for (Change change : pending.values()) {
            if (change.slot() != null) {
                Lane lane = change.slot().outbox.lane();
                int at = addedLanes.indexOf(lane);
                if (at < 0) {
                    at = addedLanes.size();
                    addedLanes.add(lane);
                    added.add(new ArrayList<>());
                }
                added.get(at).add(change);
            }
        }
        List<LaneSlots> groups = new ArrayList<>(byLane.length + addedLanes.size());
        boolean[] placed = new boolean[addedLanes.size()];
        boolean changed = false;
        for (LaneSlots group : byLane) {
            int at = addedLanes.indexOf(group.lane());
            LaneSlots folded = folded(group.lane(), group, at < 0 ? List.of() : added.get(at));
            changed |= folded != group;
            if (folded != null) {
                groups.add(folded);
            }
            if (at >= 0) {
                placed[at] = true;
            }
        }
        for (int i = 0; i < placed.length; i++) {
            if (!placed[i]) {
                groups.add(folded(addedLanes.get(i), null, added.get(i)));
                changed = true;
            }
        }
        if (changed) {
            byLane = groups.isEmpty() ? NONE : groups.toArray(new LaneSlots[0]);
        }
        published = count(byLane);
        // A burst's table would otherwise stay allocated for good, for every symbol it touched.
        if (pending.size() > MIN_FOLD) {
            pending = new LinkedHashMap<>();
        } else {
            pending.clear();
        }
        dirty = false;
    }

    /**
     * One lane's arrays: {@code group}'s (null: none yet) without the sessions that have a pending
     * change, then {@code joining}; {@code group} itself if nothing leaves or joins, null if the
     * lane is left empty.
     */
    private LaneSlots folded(Lane lane, LaneSlots group, List<Change> joining) {
        Outbox.Slot[] slots = group == null ? new Outbox.Slot[0] : group.slots();
        int leaving = 0;
        for (Outbox.Slot slot : slots) {
            if (pending.containsKey(slot.outbox)) {
                leaving++;
            }
        }
        if (leaving == 0 && joining.isEmpty()) {
            return group;
        }
        int size = slots.length - leaving + joining.size();
        if (size == 0) {
            return null;
        }
        Outbox.Slot[] newSlots = new Outbox.Slot[size];
        Subscriber[] newSubscribers = new Subscriber[size];
        int n = 0;
        for (int i = 0; i < slots.length; i++) {
            if (!pending.containsKey(slots[i].outbox)) {
                newSlots[n] = slots[i];
                newSubscribers[n++] = group.subscribers()[i];
            }
        }
        for (Change change : joining) {
            newSlots[n] = change.slot();
            newSubscribers[n++] = change.subscriber();
        }
        return new LaneSlots(lane, newSlots, newSubscribers);
    }

    private static int count(LaneSlots[] groups) {
        int count = 0;
        for (LaneSlots group : groups) {
            count += group.slots().length;
        }
        return count;
    }

    /** {@code groups} with the subscriber's slot added at the end of its lane's arrays: one copy of that lane. */
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

    /**
     * {@code groups} without the subscriber's slot, if it has one ({@code groups} itself if not).
     * Found by reference (one {@code Subscriber} per session), so the search reads the arrays and
     * not the sessions' memory.
     */
    private static LaneSlots[] without(LaneSlots[] groups, Subscriber subscriber) {
        for (int i = 0; i < groups.length; i++) {
            LaneSlots group = groups[i];
            Subscriber[] subscribers = group.subscribers();
            int at = -1;
            for (int j = 0; j < subscribers.length; j++) {
                if (subscribers[j] == subscriber) {
                    at = j;
                    break;
                }
            }
            if (at < 0) {
                continue;
            }
            int n = subscribers.length;
            if (n == 1) {
                if (groups.length == 1) {
                    return NONE;
                }
                LaneSlots[] changed = new LaneSlots[groups.length - 1];
                System.arraycopy(groups, 0, changed, 0, i);
                System.arraycopy(groups, i + 1, changed, i, groups.length - i - 1);
                return changed;
            }
            LaneSlots[] changed = groups.clone();
            changed[i] = new LaneSlots(group.lane(), dropped(group.slots(), at, new Outbox.Slot[n - 1]),
                    dropped(subscribers, at, new Subscriber[n - 1]));
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
}
