package io.quotecast.bench.load;

import org.HdrHistogram.Histogram;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one event loop's connections counted since the last {@link #reset}. Touched only by that
 * loop's thread; the generator reads and resets it by submitting tasks to the loop.
 */
final class LoopStats {

    /** Latencies in microseconds (the protocol's times have millisecond resolution), up to 10 min. */
    final Histogram latency = new Histogram(600_000_000L, 3);
    /** Frames by type, and what per-symbol seq said about them. */
    long quotes;
    long stalledQuotes;
    long snapshots;
    long gaps;
    long duplicates;
    long reorders;
    long errors;
    long unparsable;
    final Map<String, Long> errorCodes = new TreeMap<>();
    final Map<Integer, Long> closeCodes = new TreeMap<>();
    /** The kinds of client-side failure already logged (not reset: each is logged once a run). */
    final Set<String> failuresSeen = new HashSet<>();
    /** Highest seq seen per symbol index on this loop (not reset: windows compare it). */
    final long[] maxSeq;
    /** Scratch for a frame's bytes. */
    byte[] scratch = new byte[4096];
    final io.quotecast.bench.IsoMillis.Parser times = new io.quotecast.bench.IsoMillis.Parser();

    LoopStats(int symbols) {
        maxSeq = new long[symbols];
    }

    void reset() {
        latency.reset();
        quotes = stalledQuotes = snapshots = gaps = duplicates = reorders = errors = unparsable = 0;
        errorCodes.clear();
        closeCodes.clear();
    }

    /** A copy, taken on the loop's thread. */
    Snapshot snapshot() {
        return new Snapshot(latency.copy(), quotes, stalledQuotes, snapshots, gaps, duplicates, reorders, errors,
                unparsable, Map.copyOf(errorCodes), Map.copyOf(closeCodes), maxSeq.clone());
    }

    record Snapshot(Histogram latency, long quotes, long stalledQuotes, long snapshots, long gaps, long duplicates,
                    long reorders, long errors, long unparsable, Map<String, Long> errorCodes,
                    Map<Integer, Long> closeCodes, long[] maxSeq) {
    }
}
