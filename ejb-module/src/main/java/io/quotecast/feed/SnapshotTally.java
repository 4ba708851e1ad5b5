package io.quotecast.feed;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

/**
 * What one browse of the snapshot queue came to, for its log line: messages read, prices
 * applied, and why the others were not. {@code STALE_SEQUENCE} is the normal case of a price the
 * live topic brought first; any other reason is a message the feed contract refuses (an array
 * where one price a message belongs, an unknown symbol, not text), which an operator should see
 * rather than find missing from a node's first snapshots: the line is then a warning.
 */
final class SnapshotTally {

    private int read;
    private int applied;
    private final Map<FeedRejection, Integer> notApplied = new EnumMap<>(FeedRejection.class);

    /** One message read; {@code refusal} empty when it was applied. */
    void add(Optional<FeedRejection> refusal) {
        read++;
        refusal.ifPresentOrElse(r -> notApplied.merge(r, 1, Integer::sum), () -> applied++);
    }

    Level level() {
        return notApplied.keySet().stream().anyMatch(r -> r != FeedRejection.STALE_SEQUENCE) ? Level.WARNING : Level.INFO;
    }

    String line(String queue, long millis) {
        StringBuilder line = new StringBuilder("Snapshot from ").append(queue).append(": ").append(applied).append(" of ")
                .append(read).append(" prices applied in ").append(millis).append(" ms");
        if (!notApplied.isEmpty()) {
            line.append("; not applied: ").append(notApplied);
            if (level() == Level.WARNING) {
                line.append(" (STALE_SEQUENCE: the live topic was first; the others break the feed contract,"
                        + " one price a message with its symbol property: README, \"The feed contract\")");
            }
        }
        return line.toString();
    }
}
