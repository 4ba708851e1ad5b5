package io.quotecast.push;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.quotecast.protocol.QuoteEncoder;
import io.quotecast.protocol.QuoteMessage;
import io.quotecast.quote.Quote;
import io.quotecast.quote.QuoteUpdated;

/**
 * THE FAN-OUT. Each update from the feed is encoded to text once, then offered to the outbox of
 * every session subscribed to its symbol, on the container thread that owns each connection
 * where there is one ({@link LaneBatch}: one hand-off per I/O thread, not one per write). The
 * subscribers come already grouped by that thread ({@link SymbolSubscribers}), so this thread
 * touches none of them: each lane visits its own.
 * Sessions that pace the symbol ({@code maxRate}) are not offered it: the update is left in
 * {@link LatestFrames} once, for them to take when due, and only those parked on a quiet symbol
 * are woken.
 * Offering never writes more than one frame per session at a time (see {@link Outbox}), so one
 * slow or dead client cannot stall the others.
 *
 * <p>The feed's thread (the MDB's, which calls this observer synchronously and in feed order)
 * only leaves the update in a bounded backlog ({@link FeedBacklog}); one task at a time on the
 * container's managed executor fans the backlog out in feed order. When the fan-out keeps up or
 * falls a little behind, every update goes out. When it stays behind (more subscribers times
 * updates than the CPU can write), a newer update of a symbol replaces the one waiting, counted
 * in {@code updatesConflated}: the server sends the newest prices a little late instead of
 * every price ever later, and the feed never waits for the network or for the CPU, so the
 * broker builds no backlog. Without an executor (tests that wire this by hand) updates are fanned out
 * on the calling thread.
 */
@ApplicationScoped
public class QuoteFanOut {

    private static final Logger LOG = Logger.getLogger(QuoteFanOut.class.getName());

    private final QuoteEncoder encoder = new QuoteEncoder();
    /** Updates waiting for the fan-out: about a second of a busy feed before it conflates. */
    static final int BACKLOG = 512;
    /** The longest an update waits as it came before newer ones of its symbol replace it. */
    static final long BACKLOG_MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Updates one pass takes at most: a bound on one task's length and on what it holds. */
    static final int MAX_PER_PASS = 64;

    private FeedBacklog waiting;
    private final AtomicBoolean draining = new AtomicBoolean();
    private Subscriptions subscriptions;
    private PushStats stats;
    private LatestFrames latest;
    private Executor drainer;

    @Resource
    ManagedExecutorService managedExecutor;

    protected QuoteFanOut() {
    }

    @Inject
    public QuoteFanOut(Subscriptions subscriptions, PushStats stats, Pacer pacer) {
        this(subscriptions, stats, pacer, null, BACKLOG);
    }

    /** For tests whose sessions pace nothing. */
    public QuoteFanOut(Subscriptions subscriptions, PushStats stats) {
        this(subscriptions, stats, new Pacer(), null, BACKLOG);
    }

    /** Fans out on {@code drainer} (the managed executor in the server when null). */
    public QuoteFanOut(Subscriptions subscriptions, PushStats stats, Executor drainer) {
        this(subscriptions, stats, new Pacer(), drainer, BACKLOG);
    }

    QuoteFanOut(Subscriptions subscriptions, PushStats stats, Pacer pacer, Executor drainer, int backlog) {
        this.subscriptions = subscriptions;
        this.stats = stats;
        this.latest = pacer.latest();
        this.drainer = drainer;
        this.waiting = new FeedBacklog(backlog, BACKLOG_MAX_WAIT_NANOS, System::nanoTime);
    }

    /**
     * Created when the WAR starts, and only then: updates come on the MDB's thread, in the EJB
     * module's naming context, where Payara cannot resolve this WAR's {@code @Resource}s. The EJB
     * module starts first, so with a live feed the MDB delivers before the WAR has started; an
     * update then finds no instance ({@link Reception#IF_EXISTS}) and is only in the cache, which
     * is where the first clients' snapshots come from anyway. (Creating the bean on the update, as
     * before, failed on Payara for every update until the WAR started, each logged as SEVERE.)
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Nothing to do: observing the start is what creates the bean in the WAR's context.
    }

    public void onUpdate(@Observes(notifyObserver = Reception.IF_EXISTS) QuoteUpdated update) {
        stats.updateReceived();
        Quote quote = update.quote();
        Executor executor = drainer != null ? drainer : managedExecutor;
        if (executor == null) {
            fanOut(quote);
            return;
        }
        if (waiting.add(quote)) {
            stats.updateConflated();
        }
        if (draining.compareAndSet(false, true)) {
            startDrain(executor);
        }
    }

    private void startDrain(Executor executor) {
        try {
            executor.execute(() -> drain(executor));
        } catch (RejectedExecutionException e) {
            // Shutting down: fan out here, as the sessions are closing anyway.
            drain(null);
        }
    }

    /**
     * One pass over the updates waiting now; another task follows if more came meanwhile, so no
     * task runs for long (a container may report a long-running managed task as hung).
     */
    private void drain(Executor next) {
        try {
            // Everything that waits goes in one batch: one task per I/O thread for all of it.
            LaneBatch offers = new LaneBatch();
            for (int left = Math.min(waiting.size(), MAX_PER_PASS); left > 0; left--) {
                Quote quote = waiting.poll();
                if (quote == null) {
                    break;
                }
                fanOut(quote, offers);
            }
            offers.dispatch();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Fan-out of an update failed; the next ones go on", e);
        } finally {
            draining.set(false);
        }
        // An update that came while the flag was still set did not start a pass: start it here.
        if (next != null && !waiting.isEmpty() && draining.compareAndSet(false, true)) {
            startDrain(next);
        }
    }

    private void fanOut(Quote quote) {
        LaneBatch offers = new LaneBatch();
        fanOut(quote, offers);
        offers.dispatch();
    }

    private void fanOut(Quote quote, LaneBatch offers) {
        String symbol = quote.symbol();
        SymbolSubscribers.LaneSlots[] byLane = subscriptions.slotsByLane(symbol);
        boolean paced = subscriptions.isPaced(symbol);
        if (byLane.length == 0 && !paced) {
            return;
        }
        String frame = encoder.text(QuoteMessage.of(quote));
        long seq = quote.seq();
        if (paced) {
            latest.put(symbol, seq, frame, offers);
        }
        Consumer<Outbox.Slot> offer = slot -> slot.outbox.offerQuote(slot, seq, frame);
        for (SymbolSubscribers.LaneSlots lane : byLane) {
            offers.addAll(lane.lane(), lane.slots(), offer);
        }
    }
}
