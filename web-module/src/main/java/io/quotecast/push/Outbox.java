package io.quotecast.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Everything waiting to be written to one client, and which symbols it may receive.
 *
 * <p>Bounded by construction: at most one quote per subscribed symbol waits (a newer quote
 * replaces an unsent older one, counted as conflated), and at most {@code maxReplies} replies;
 * a client that lets replies pile up is closed with 1008. One frame is in flight at a time, so
 * the container never queues for us and a slow client costs memory proportional to its
 * subscriptions, never to the feed rate.
 *
 * <p>Ordering: replies go before quotes; a symbol being subscribed is held back until its
 * snapshot is queued, and a quote whose seq is not above what the client already has (from the
 * snapshot or an earlier quote) is dropped, so every client sees strictly increasing seq per
 * symbol, and nothing after {@code unsubscribed}.
 *
 * <p>Pacing ({@code maxRate} of a subscription): a paced symbol's quote is written no sooner than
 * its interval after the previous one of that symbol, and it is the newest value at that moment.
 * Paced symbols are not offered every update: when one is due, the outbox takes the newest quote
 * from the shared {@link LatestFrames}, and counts the updates it skipped as conflated. The
 * {@link Pacer}'s tick wakes the outbox when its next paced symbol comes due
 * ({@link #nextPullAt}). A batched paced symbol is sampled on this outbox's grid of its
 * interval ({@link #nextSlot}), so that those due together share a frame. Any other that has
 * had nothing new at every look for {@link #QUIET_AFTER_NANOS} parks the outbox in
 * {@link LatestFrames} until its next update, which wakes it (a quote after a quiet spell leaves
 * at once).
 *
 * <p>Batching ({@code batch} of a subscription): when a quote of a batched symbol is written,
 * every other quote of a batched symbol that may leave now goes with it, in one {@code quotes}
 * message: one frame, and one write, instead of one per quote. Batched paced symbols that left
 * together come due together, so a client pacing ten symbols gets one frame per interval.
 *
 * <p>Threads: offered to by the feed's fan-out thread and the session's message thread, drained
 * by whichever thread the container completes a send on or the pacer's tick. All state is
 * guarded by {@code this}; no frame is written while holding it.
 */
public final class Outbox {

    /** Where frames go: the session's async remote endpoint, or a fake in tests. */
    public interface Transport {
        void send(String frame, SendHandler done);

        void close(CloseReason reason);

        /**
         * The thread on which sends to this client are cheapest ({@link LaneBatch}); null: any.
         * Fixed for the transport's life: the outbox asks once.
         */
        default Lane lane() {
            return null;
        }
    }

    /**
     * Everything this outbox knows of one subscribed symbol, in one object, so that offering a
     * quote is one map lookup and the pacer's look at a session touches one object per symbol.
     * At 10,000 sessions a client's state is cold in the CPU's cache whenever its turn comes, and
     * the five maps keyed by symbol this replaced cost a cache miss each (docs/benchmarks.md,
     * session 7).
     *
     * <p>{@code lastSeq} is the newest seq the client has or has queued. A slot with a quote
     * waiting ({@code frame} not null) is linked into the outbox's queue of waiting quotes
     * ({@code before}, {@code after}), in the order the symbols first had one waiting: a newer
     * quote replaces the older one in place.
     *
     * <p>A paced slot ({@code maxRate}) has a {@link Pace}; most have none, and the fields pacing
     * needs would cost every slot 40 bytes (32 for the seven of session 20, which measured 320
     * bytes a client with ten symbols, docs/benchmarks.md).
     *
     * <p>{@link Subscriptions} keeps each subscriber's slot in its index, so that the fan-out
     * offers a quote to the slot itself ({@link #offerQuote(Slot, long, String)}) without the
     * lookup in {@code slots}: at 10,000 clients that lookup, cold in the cache for each client,
     * was more than a quarter of the I/O threads' Java time (docs/benchmarks.md, session 11). A
     * slot taken out of {@code slots} ({@link #stop}) is {@code removed}, and offers to it are
     * ignored like those of a symbol not subscribed.
     */
    static final class Slot {
        final Outbox outbox;
        final String symbol;
        boolean removed;
        long lastSeq;
        boolean held;
        boolean batched;
        long waitingSeq;
        String frame;
        Slot before;
        Slot after;
        /** While paced ({@code maxRate}); null otherwise. */
        Pace pace;

        Slot(Outbox outbox, String symbol) {
            this.outbox = outbox;
            this.symbol = symbol;
        }

        boolean isPaced() {
            return pace != null;
        }

        boolean isParked() {
            return pace != null && pace.parked;
        }
    }

    /**
     * A paced symbol's rhythm: one quote per {@code interval}; when it may next leave ({@code due},
     * unless not {@code scheduled} yet); how many of its updates had come through
     * {@link LatestFrames} ({@code cell}) when last looked at ({@code taken}); whether its last
     * look found nothing new ({@code quiet}, every look since {@code quietSince}) or it waits for
     * an update there ({@code parked}).
     */
    static final class Pace {
        final LatestFrames.Cell cell;
        long interval;
        long due;
        boolean scheduled;
        long taken;
        long quietSince;
        boolean quiet;
        boolean parked;

        Pace(LatestFrames.Cell cell) {
            this.cell = cell;
        }

        boolean isDue(long now) {
            return !scheduled || now - due >= 0;
        }

        void dueAt(long at) {
            due = at;
            scheduled = true;
        }
    }

    /** A {@code quotes} message is these around the quote messages it carries, comma-separated. */
    static final String QUOTES_OPEN = "{\"type\":\"quotes\",\"quotes\":[";
    static final String QUOTES_CLOSE = "]}";

    private static final Slot[] NO_SLOTS = {};

    /**
     * How long an unbatched paced symbol must have had nothing new at every look before it parks
     * ({@link #pullDue}). A symbol that quiet is really quiet: waking its parked sessions on its
     * next update costs little, and its quote leaves at once. A busy symbol must never park: an
     * overloaded server's fan-out runs in bursts and conflates in its backlog, so busy symbols
     * look quiet for a while, and every update that got through then woke each of its thousand
     * parked sessions on the fan-out's thread, which fell further behind, let fewer updates
     * through, and left more symbols looking quiet: parking after two empty looks 200 ms apart
     * put most of the benchmark's starts in that state for good (docs/benchmarks.md, session 21).
     */
    static final long QUIET_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Transport transport;
    /**
     * The transport's lane, asked once: the pacer's tick looks it up for every outbox it wakes
     * (50,000 a second in the batched maxRate workload), and through the transports that was
     * two more objects of a cold session touched each time: 8 % of the server's Java samples
     * (docs/benchmarks.md, session 22).
     */
    private final Lane lane;
    /** One handler for every write, not a new method reference per frame (the fan-out's hot path). */
    private final SendHandler onSent = this::sent;
    private final int maxReplies;
    private final PushStats stats;
    private final Pacer pacer;

    /** One slot per subscribed symbol; the keys are the subscriptions. */
    private final Map<String, Slot> slots = new HashMap<>();
    /** The queue of waiting quotes: the first and last slot with a frame waiting. */
    private Slot firstWaiting;
    private Slot lastWaiting;
    /** How many slots are in that queue: a batch's size is known before it is built. */
    private int waitingCount;
    /**
     * Replies waiting, before any quote; null while none does, which is nearly always: an empty
     * queue cost 112 bytes a client, and two more of its cold cache lines to read on every frame
     * (that these made a difference to the core was not measurable, docs/benchmarks.md, session 22).
     */
    private ArrayDeque<String> replies;
    /**
     * Paced slots, in the order they were subscribed (which is the order they share a frame in);
     * {@link #NO_SLOTS} while none is. An array rather than a list: one object fewer a client
     * (24 bytes), and to touch in every look at the paced slots.
     */
    private Slot[] paced = NO_SLOTS;
    private final LatestFrames latest;
    /**
     * When the pacer should next wake this outbox: the earliest due paced symbol that is not
     * parked; 0 when none. Volatile so that the pacer's tick reads it without the lock.
     */
    private volatile long nextPullAt;
    /**
     * Whether the pacer has handed this outbox a wake that has not run yet ({@link #claimWake}).
     * An overloaded I/O thread runs a tick's wakes late, and the next ticks found the same
     * outboxes still due and woke each again: wakes that find nothing to do, on the thread that
     * is already behind (docs/benchmarks.md, session 21).
     */
    private volatile boolean wakeQueued;
    private final LongSupplier nanoClock;
    /** Where this outbox's grid for batched paced symbols starts: its creation, so sessions spread out. */
    private final long phase;
    private boolean inFlight;
    private long inFlightSince;
    /** The thread inside {@code transport.send}, and whether the send completed before it returned. */
    private Thread sender;
    private boolean completedInline;
    private boolean closed;

    public Outbox(Transport transport, int maxReplies, PushStats stats) {
        this(transport, maxReplies, stats, System::nanoTime);
    }

    public Outbox(Transport transport, int maxReplies, PushStats stats, LongSupplier nanoClock) {
        this(transport, maxReplies, stats, nanoClock, null);
    }

    /** With a {@code pacer}, subscriptions may be paced ({@link #hold(Collection, long)}); without, they never are. */
    public Outbox(Transport transport, int maxReplies, PushStats stats, LongSupplier nanoClock, Pacer pacer) {
        this.transport = transport;
        this.lane = transport.lane();
        this.maxReplies = maxReplies;
        this.stats = stats;
        this.nanoClock = nanoClock;
        this.pacer = pacer;
        this.latest = pacer == null ? null : pacer.latest();
        this.phase = nanoClock.getAsLong();
    }

    /** Where offers to this outbox are best made ({@link LaneBatch}); null: on the caller's thread. */
    public Lane lane() {
        return lane;
    }

    /**
     * How long the frame being written has been pending, in nanoseconds; 0 when nothing is in
     * flight. A client that stops reading shows here first: its TCP window fills and the write
     * never completes, while everything else about the connection looks healthy.
     */
    public synchronized long pendingFor(long nowNanos) {
        return inFlight && inFlightSince != 0 ? nowNanos - inFlightSince : 0;
    }

    /** Queues a quote for a subscribed symbol; ignored for any other symbol or an old seq. */
    public void offerQuote(String symbol, long seq, String frame) {
        Slot slot = slot(symbol);
        if (slot != null) {
            offerQuote(slot, seq, frame);
        }
    }

    /** The symbol's slot while it is subscribed (held or not); null otherwise. */
    synchronized Slot slot(String symbol) {
        return slots.get(symbol);
    }

    /** As {@link #offerQuote(String, long, String)}, to the symbol's slot as {@link #slot} gave it. */
    void offerQuote(Slot slot, long seq, String frame) {
        synchronized (this) {
            if (closed || slot.removed || seq <= slot.lastSeq) {
                if (!closed && !slot.removed && seq < slot.lastSeq) {
                    // Overtaken by a newer value already queued or sent (or by the snapshot): the
                    // client has a fresher state, and this one is counted like any conflated quote.
                    stats.conflated();
                }
                return;
            }
            slot.lastSeq = seq;
            if (queue(slot, seq, frame)) {
                stats.conflated();
            }
            if (slot.isPaced()) {
                // Only while a subscription turns paced under a fan-out in progress: the quote
                // waits for its symbol's turn like a pulled one.
                unparkLocally(slot);
                schedulePull(nanoClock.getAsLong());
                return;
            }
            if (inFlight || slot.held) {
                return;
            }
            inFlight = true;
        }
        pump();
    }

    public void offerReply(String frame) {
        offerReplies(List.of(frame));
    }

    /** Starts accepting quotes for {@code symbols}, holding them back until {@link #release}. */
    public synchronized void hold(Collection<String> symbols) {
        hold(symbols, 0);
    }

    /**
     * As {@link #hold(Collection)}, and paces the symbols: at most one quote of each per
     * {@code intervalNanos} (0: every quote, as soon as the client takes it). A later subscription
     * of the same symbol replaces its pace. Without a pacer the interval is ignored.
     */
    public synchronized void hold(Collection<String> symbols, long intervalNanos) {
        hold(symbols, intervalNanos, false);
    }

    /**
     * As {@link #hold(Collection, long)}, and with {@code batch} lets quotes of these symbols share
     * a {@code quotes} message (or stops it: a later subscription replaces the choice). Returns
     * whether the symbols are paced, and so taken from {@link LatestFrames} rather than offered
     * every update ({@link Subscriptions#add(Subscriber, Collection, boolean)}).
     */
    public synchronized boolean hold(Collection<String> symbols, long intervalNanos, boolean batch) {
        boolean pacing = intervalNanos > 0 && pacer != null;
        for (String symbol : symbols) {
            Slot slot = slots.computeIfAbsent(symbol, s -> new Slot(this, s));
            slot.batched = batch;
            slot.held = true;
            unparkLocally(slot);
            if (pacing) {
                pace(slot, intervalNanos);
            } else {
                unpace(slot);
            }
        }
        if (pacing && !closed) {
            pacer.track(this);
        } else if (paced.length == 0 && pacer != null) {
            pacer.untrack(this);
        }
        return pacing;
    }

    /**
     * Queues the replies of a subscription (confirmation, snapshot) and lets quotes of
     * {@code symbols} flow again, dropping any that the snapshot already covers.
     */
    public void release(Collection<String> symbols, Map<String, Long> snapshotSeq, List<String> frames) {
        synchronized (this) {
            for (String symbol : symbols) {
                Slot slot = slots.get(symbol);
                if (slot == null) {
                    continue; // unsubscribed while its snapshot was being read
                }
                slot.held = false;
                long snapshot = snapshotSeq.getOrDefault(symbol, 0L);
                slot.lastSeq = Math.max(slot.lastSeq, snapshot);
                // Only the snapshot covers a held quote: lastSeq already counts it as queued.
                if (slot.frame != null && slot.waitingSeq <= snapshot) {
                    unqueue(slot);
                }
                Pace pace = slot.pace;
                if (pace != null) {
                    // What came through before now is covered by the snapshot or taken next.
                    LatestFrames.Latest newest = pace.cell.newest();
                    pace.taken = newest == null ? 0 : newest.ordinal();
                    // Nothing is known of its rhythm yet: nothing new at the first look parks it,
                    // so that the first quote after the snapshot leaves at once.
                    pace.quiet = true;
                    pace.quietSince = nanoClock.getAsLong() - QUIET_AFTER_NANOS;
                }
            }
            if (paced.length > 0) {
                schedulePull(nanoClock.getAsLong());
            }
        }
        offerReplies(frames);
    }

    /** Stops quotes of {@code symbols}, including unsent ones, then queues the confirmation. */
    public void stop(Collection<String> symbols, String confirmation) {
        synchronized (this) {
            for (String symbol : symbols) {
                Slot slot = slots.remove(symbol);
                if (slot != null) {
                    slot.removed = true;
                    unqueue(slot);
                    unparkLocally(slot);
                    unpace(slot);
                }
            }
            if (pacer != null) {
                if (paced.length == 0) {
                    pacer.untrack(this);
                }
                schedulePull(nanoClock.getAsLong());
            }
        }
        offerReply(confirmation);
    }

    public synchronized Set<String> symbols() {
        return Set.copyOf(slots.keySet());
    }

    public synchronized int subscriptionCount() {
        return slots.size();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the client with {@code reason} and drops everything queued for it. */
    public void close(CloseReason reason) {
        giveUp(reason);
    }

    /**
     * Drops everything queued; later offers are ignored. The symbols stay named by
     * {@link #symbols()}: whoever closes the client (however the close began) unregisters them
     * from {@link Subscriptions} with that list, and a handful of keys is no memory worth saving.
     * Done once: on undeploy every outbox is discarded while the application is still there, and
     * the sends then failing as the connections go would otherwise reach the pacer after it is gone.
     */
    public synchronized void discard() {
        if (closed) {
            return;
        }
        closed = true;
        replies = null;
        for (Slot slot : slots.values()) {
            unqueue(slot);
            unparkLocally(slot);
            slot.held = false;
            slot.batched = false;
            slot.pace = null;
        }
        paced = NO_SLOTS;
        nextPullAt = 0;
        if (pacer != null) {
            pacer.untrack(this);
        }
    }

    /** For the pacer, without the lock: whether a paced symbol is due at {@code nowNanos}. */
    boolean isDue(long nowNanos) {
        long at = nextPullAt;
        return at != 0 && nowNanos - at >= 0;
    }

    /**
     * For the pacer's tick, the one thread that calls it, once {@link #isDue}: whether to hand this
     * outbox a wake, false while the last one it was handed has not run.
     */
    boolean claimWake() {
        if (wakeQueued) {
            return false;
        }
        wakeQueued = true;
        return true;
    }

    /** For the pacer: writes whatever is due, unless a write is in flight (its completion will). */
    void wake() {
        wakeQueued = false;
        synchronized (this) {
            if (closed || inFlight) {
                return;
            }
            inFlight = true;
        }
        pump();
    }

    /**
     * The first point after {@code now} of the grid {@code phase + k × pace}. A quote sent up to a
     * tick late on the grid is followed by the next one on the grid, so two quotes of a batched
     * paced symbol are at least {@code pace} minus the pacer's tick apart.
     */
    private long nextSlot(long now, long pace) {
        return phase + (Math.floorDiv(now - phase, pace) + 1) * pace;
    }


    /**
     * For {@link LatestFrames}, which has taken this outbox off its list: {@code symbol}, parked
     * while quiet, has a new quote, which leaves now (or after the write in flight).
     */
    void unpark(String symbol) {
        synchronized (this) {
            Slot slot = slots.get(symbol);
            if (closed || slot == null || !slot.isParked()) {
                return;
            }
            slot.pace.parked = false;
            // It was due when it parked: due now, without recomputing the others.
            long now = nanoClock.getAsLong();
            long next = nextPullAt;
            if (next == 0 || now - next < 0) {
                nextPullAt = now == 0 ? 1 : now;
            }
            if (inFlight) {
                return;
            }
            inFlight = true;
        }
        pump();
    }

    /** Under the lock: takes the slot's symbol off the parked list, here and in {@link LatestFrames}. */
    private void unparkLocally(Slot slot) {
        if (slot.isParked()) {
            slot.pace.parked = false;
            latest.unpark(slot.pace.cell, this);
        }
    }

    /**
     * Under the lock: paces the slot at one quote per {@code interval}, keeping when it may next
     * leave if it was paced already (a new subscription does not reset the rhythm).
     */
    private void pace(Slot slot, long interval) {
        if (slot.pace == null) {
            paced = Arrays.copyOf(paced, paced.length + 1);
            paced[paced.length - 1] = slot;
            slot.pace = new Pace(latest.cell(slot.symbol));
        }
        Pace pace = slot.pace;
        pace.interval = interval;
        pace.taken = 0;
        pace.quiet = false;
        pace.parked = false;
    }

    /** {@code slots} without {@code slot}, in the same order. */
    private static Slot[] without(Slot[] slots, Slot slot) {
        int at = Arrays.asList(slots).indexOf(slot);
        if (at < 0) {
            return slots;
        }
        if (slots.length == 1) {
            return NO_SLOTS;
        }
        Slot[] kept = Arrays.copyOf(slots, slots.length - 1);
        System.arraycopy(slots, at + 1, kept, at, slots.length - at - 1);
        return kept;
    }

    /** Under the lock: the slot's symbol goes out with every update again. */
    private void unpace(Slot slot) {
        if (slot.isPaced()) {
            paced = without(paced, slot);
            slot.pace = null;
        }
    }

    /**
     * Under the lock: makes {@code frame} the slot's waiting quote, at the end of the queue if
     * none was waiting, in place of the older one otherwise. Returns whether one was replaced.
     */
    private boolean queue(Slot slot, long seq, String frame) {
        boolean replaced = slot.frame != null;
        slot.waitingSeq = seq;
        slot.frame = frame;
        if (!replaced) {
            waitingCount++;
            slot.before = lastWaiting;
            slot.after = null;
            if (lastWaiting == null) {
                firstWaiting = slot;
            } else {
                lastWaiting.after = slot;
            }
            lastWaiting = slot;
        }
        return replaced;
    }

    /** Under the lock: drops the slot's waiting quote, if any, from the queue. */
    private void unqueue(Slot slot) {
        if (slot.frame == null) {
            return;
        }
        slot.frame = null;
        waitingCount--;
        if (slot.before == null) {
            firstWaiting = slot.after;
        } else {
            slot.before.after = slot.after;
        }
        if (slot.after == null) {
            lastWaiting = slot.before;
        } else {
            slot.after.before = slot.before;
        }
        slot.before = null;
        slot.after = null;
    }

    /** Under the lock: when the pacer should wake this outbox next, from the due times of the paced symbols. */
    private void schedulePull(long now) {
        long earliest = 0;
        boolean any = false;
        for (Slot slot : paced) {
            Pace pace = slot.pace;
            if (pace.parked || slot.held) {
                continue;
            }
            long at = pace.scheduled ? pace.due : now;
            if (!any || at - earliest < 0) {
                earliest = at;
                any = true;
            }
        }
        nextPullAt = !any || closed ? 0 : earliest == 0 ? 1 : earliest;
    }

    /**
     * Under the lock: takes the newest quote of every paced symbol that is due and has one newer
     * than the client's. A batched one with nothing new waits for the next point of its grid
     * (it is sampled there, whether its symbol is busy or quiet). Any other looks again one
     * interval later, and once it has found nothing new at every look for
     * {@link #QUIET_AFTER_NANOS} (and at two looks at least), parks until its symbol's next update.
     */
    private void pullDue(long now) {
        for (Slot slot : paced) {
            Pace pace = slot.pace;
            if (pace.parked || !pace.isDue(now) || slot.held) {
                continue;
            }
            if (take(slot, pace.cell.newest()) || slot.frame != null) {
                continue;
            }
            // Parking at once would cost a wake per update and subscriber whenever the fan-out runs
            // in bursts (an overloaded server); another look one interval later costs one lookup.
            if (slot.batched) {
                pace.dueAt(nextSlot(now, pace.interval));
                continue;
            }
            if (!pace.quiet) {
                pace.quiet = true;
                pace.quietSince = now;
                pace.dueAt(now + pace.interval);
                continue;
            }
            if (now - pace.quietSince < QUIET_AFTER_NANOS) {
                pace.dueAt(now + pace.interval);
                continue;
            }
            pace.quiet = false;
            pace.parked = true;
            // An update between the look above and the parking would wake nobody: look again.
            if (take(slot, latest.park(pace.cell, this))) {
                unparkLocally(slot);
            }
        }
    }

    /**
     * Under the lock: queues {@code newest} for its paced symbol if the client has not got it or
     * something newer, and counts the updates of the symbol that came through since the last
     * look and will never be sent as conflated. Returns whether a quote was queued.
     */
    private boolean take(Slot slot, LatestFrames.Latest newest) {
        Pace pace = slot.pace;
        long before = pace.taken;
        if (newest == null || newest.ordinal() <= before) {
            return false;
        }
        pace.taken = newest.ordinal();
        long last = slot.lastSeq;
        boolean newer = newest.seq() > last;
        long skipped = newest.ordinal() - before - (newer || newest.seq() == last ? 1 : 0);
        if (newer) {
            pace.quiet = false;
            slot.lastSeq = newest.seq();
            if (queue(slot, newest.seq(), newest.frame())) {
                skipped++;
            }
        }
        stats.conflated(skipped);
        return newer;
    }

    private void offerReplies(List<String> frames) {
        boolean overflow;
        synchronized (this) {
            if (closed) {
                return;
            }
            int waiting = replies == null ? 0 : replies.size();
            overflow = waiting + frames.size() > maxReplies;
            if (!overflow) {
                if (!frames.isEmpty()) {
                    if (replies == null) {
                        replies = new ArrayDeque<>(frames.size());
                    }
                    replies.addAll(frames);
                }
                if (inFlight) {
                    return;
                }
                inFlight = true;
            }
        }
        if (overflow) {
            stats.overflowed();
            giveUp(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
                    "Client is not reading: more than " + maxReplies + " replies waiting"));
            return;
        }
        pump();
    }

    /**
     * Writes frames until one is left pending. Runs on the offering thread or a send-completion
     * thread. A container may complete a send inside {@code send()} on the calling thread; such a
     * completion only asks this loop to go on ({@link #sent}), so draining a long queue never
     * recurses.
     */
    private void pump() {
        Thread self = Thread.currentThread();
        while (true) {
            String next;
            synchronized (this) {
                next = closed ? null : nextFrame();
                if (next == null) {
                    inFlight = false;
                    inFlightSince = 0;
                    return;
                }
                inFlightSince = nanoClock.getAsLong();
                sender = self;
                completedInline = false;
            }
            try {
                transport.send(next, onSent);
            } catch (RuntimeException e) {
                // Some containers throw instead of reporting through the handler (session already closed).
                sent(new SendResult(e));
            }
            synchronized (this) {
                if (sender != self) {
                    return;
                }
                sender = null;
                if (!completedInline) {
                    return;
                }
            }
        }
    }

    private void sent(SendResult result) {
        if (!result.isOK()) {
            stats.sendFailed();
            giveUp(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Write failed or timed out"));
            return;
        }
        stats.pushed();
        synchronized (this) {
            if (sender == Thread.currentThread()) {
                completedInline = true;
                return;
            }
        }
        pump();
    }

    private String nextFrame() {
        if (replies != null) {
            String reply = replies.poll();
            if (replies.isEmpty()) {
                replies = null;
            }
            return reply;
        }
        if (paced.length == 0) {
            return nextQuotes(0);
        }
        long now = nanoClock.getAsLong();
        pullDue(now);
        String frame = nextQuotes(now);
        schedulePull(now);
        return frame;
    }

    /** The next frame of quotes that may leave at {@code now} (0: no paced symbol); null when none. */
    private String nextQuotes(long now) {
        String first = null;
        StringBuilder batch = null;
        Slot next = firstWaiting;
        while (next != null) {
            Slot slot = next;
            next = slot.after;
            if (slot.held) {
                continue;
            }
            Pace pace = slot.pace;
            if (pace != null && !pace.isDue(now)) {
                continue;
            }
            boolean batchable = slot.batched;
            if (first != null && !batchable) {
                continue; // it leaves on its own, in the next frame
            }
            if (pace != null) {
                pace.dueAt(batchable ? nextSlot(now, pace.interval) : now + pace.interval);
            }
            String frame = slot.frame;
            unqueue(slot);
            if (!batchable) {
                return frame;
            }
            if (first == null) {
                first = frame;
            } else {
                if (batch == null) {
                    // Room for every quote still waiting, at the first one's length: sized for
                    // two, the builder of a ten-quote batch grew three times and allocated three
                    // times the batch's size (docs/benchmarks.md, session 22).
                    int room = QUOTES_OPEN.length() + (waitingCount + 2) * (first.length() + 1) + QUOTES_CLOSE.length();
                    batch = new StringBuilder(room).append(QUOTES_OPEN).append(first);
                }
                batch.append(',').append(frame);
            }
        }
        if (first == null) {
            return null;
        }
        return batch == null ? first : batch.append(QUOTES_CLOSE).toString();
    }

    private void giveUp(CloseReason reason) {
        discard();
        try {
            transport.close(reason);
        } catch (RuntimeException ignored) {
            // Already closed by the peer or the container: nothing left to tell it.
        }
    }
}
