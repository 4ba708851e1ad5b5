package io.quotecast.push;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Does things to many outboxes with one hand-off per container I/O thread instead of one per
 * write: outboxes with a lane ({@link Outbox#lane()}) are grouped by it and each group runs as a
 * single task on its lane ({@link Lane}), where their writes happen inline; the others are done at
 * once on the calling thread. A container has a handful of I/O threads, so an update for 200
 * subscribers costs a few hand-offs instead of 200, and a batch of many updates (a fan-out that
 * fell behind takes all that waits at once) costs no more hand-offs than one. Order is kept:
 * each group runs in the order its actions were added, and a lane runs its tasks in the order
 * they were given, so two updates of a symbol reach a session in feed order. Used by one thread
 * at a time, then dropped.
 */
final class LaneBatch {

    private static final Logger LOG = Logger.getLogger(LaneBatch.class.getName());

    /**
     * Consecutive targets (outboxes or their slots) of one lane that get the same action: one
     * update's subscribers. A run given whole ({@link #addAll}) is a view of the caller's array
     * and takes no more targets ({@code growable} false).
     */
    private record Run(Consumer<Object> action, List<Object> targets, boolean growable) {
    }

    private final List<Lane> lanes = new ArrayList<>(4);
    private final List<List<Run>> groups = new ArrayList<>(4);

    /**
     * Does {@code action} on {@code outbox} now if it has no lane, or queues it for its lane.
     * Passing the same action object for all the outboxes of one update keeps this free of
     * allocation per outbox: they share one run.
     */
    void add(Outbox outbox, Consumer<Outbox> action) {
        add(outbox, outbox, action);
    }

    /**
     * As {@link #add(Outbox, Consumer)}, for something of {@code outbox}'s ({@code target}, one of
     * its slots): done on the outbox's lane, grouped and ordered with what else goes there.
     */
    @SuppressWarnings("unchecked")
    <T> void add(Outbox outbox, T target, Consumer<? super T> action) {
        Lane lane = outbox.lane();
        if (lane == null) {
            action.accept(target);
            return;
        }
        List<Run> runs = groupOf(lane);
        Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (last == null || last.action() != action || !last.growable()) {
            // Safe: a run's action is only given the targets added with it, of its type.
            last = new Run((Consumer<Object>) action, new ArrayList<>(), true);
            runs.add(last);
        }
        last.targets().add(target);
    }

    /**
     * Does {@code action} on every one of {@code targets}, whose outboxes all have {@code lane}:
     * queued for the lane as one run, or done now, each on its own, if {@code lane} is null. The
     * array is not copied, so it must not change afterwards ({@link SymbolSubscribers#byLane}):
     * nothing here touches the targets before the lane runs.
     */
    @SuppressWarnings("unchecked")
    <T> void addAll(Lane lane, T[] targets, Consumer<? super T> action) {
        Run run = new Run((Consumer<Object>) action, Arrays.asList((Object[]) targets), false);
        if (lane == null) {
            runAll(List.of(run));
            return;
        }
        groupOf(lane).add(run);
    }

    /**
     * Hands each lane its group; a lane that has no room for it within its patience (the server
     * is short of CPU) or is shutting down gets it done here instead, the slow way, so nothing is
     * dropped and nothing queues without bound.
     */
    void dispatch() {
        for (int i = 0; i < lanes.size(); i++) {
            List<Run> group = groups.get(i);
            if (!lanes.get(i).run(() -> runAll(group))) {
                runAll(group);
            }
        }
    }

    private void runAll(List<Run> group) {
        for (Run run : group) {
            for (Object target : run.targets()) {
                try {
                    run.action().accept(target);
                } catch (RuntimeException e) {
                    // One outbox's failure must not cost the rest of the group their update.
                    LOG.log(Level.WARNING, "Delivery to one session failed; the others go on", e);
                }
            }
        }
    }

    /** The runs queued for {@code lane}. Lanes are few (one per I/O thread), and compared by identity. */
    private List<Run> groupOf(Lane lane) {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i) == lane) {
                return groups.get(i);
            }
        }
        lanes.add(lane);
        List<Run> runs = new ArrayList<>();
        groups.add(runs);
        return runs;
    }
}
