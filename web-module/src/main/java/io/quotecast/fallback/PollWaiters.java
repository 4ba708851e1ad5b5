package io.quotecast.fallback;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.quotecast.feed.FeedStatus;
import io.quotecast.protocol.ProtocolJson;

/**
 * The long polls being held: each waits, suspended and without a thread, on its symbols until
 * the journal records a change to one of them or its timeout passes, then is answered once.
 *
 * <p>Order, as for a WebSocket subscribe: a poll is registered before the journal is checked,
 * so a change landing in between either is seen by the check or wakes the poll. A woken poll
 * is answered on the managed scheduler after the linger, never on the feed's thread.
 */
@ApplicationScoped
public class PollWaiters {

    private static final Logger LOG = Logger.getLogger(PollWaiters.class.getName());

    private static final int WAITING = 0;
    private static final int WOKEN = 1;
    private static final int ANSWERED = 2;

    /** One held request. {@code state} moves WAITING → WOKEN → ANSWERED, or straight to ANSWERED. */
    private static final class Waiter {
        final List<String> symbols;
        final Optional<Cursor> since;
        final AsyncResponse response;
        final Runnable onAnswered;
        final AtomicInteger state = new AtomicInteger(WAITING);

        Waiter(List<String> symbols, Optional<Cursor> since, AsyncResponse response, Runnable onAnswered) {
            this.symbols = symbols;
            this.since = since;
            this.response = response;
            this.onAnswered = onAnswered;
        }
    }

    private final ConcurrentMap<String, Set<Waiter>> bySymbol = new ConcurrentHashMap<>();

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    QuoteJournal journal;

    @Inject
    FallbackSettings settings;

    @Inject
    FeedStatus feedStatus;

    /**
     * Created with the application, on a thread of this WAR: the journal calls {@link #changed}
     * on the feed's thread, whose naming context is the MDB's, where Payara cannot inject this
     * WAR class's {@code @Resource}. So this bean must exist before the journal does; this then
     * creates the journal, which observes updates only from then on.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        journal.position();
    }

    /**
     * Answers at once when the journal has something newer than {@code since}, else holds the
     * request; runs {@code onAnswered} once, when it has been answered.
     */
    void await(List<String> symbols, Optional<Cursor> since, AsyncResponse response, Runnable onAnswered) {
        Waiter waiter = new Waiter(symbols, since, response, onAnswered);
        if (!journal.canResume(since)) {
            answer(waiter);
            return;
        }
        response.setTimeoutHandler(timedOut -> answer(waiter));
        response.setTimeout(settings.pollTimeoutSeconds(), TimeUnit.SECONDS);
        for (String symbol : symbols) {
            bySymbol.computeIfAbsent(symbol, s -> ConcurrentHashMap.newKeySet()).add(waiter);
        }
        if (journal.changedSince(symbols, since.get())) {
            answer(waiter);
        }
    }

    /** Called by the journal, on the feed's thread, after it recorded a change to {@code symbol}. */
    void changed(String symbol) {
        Set<Waiter> waiting = bySymbol.get(symbol);
        if (waiting == null) {
            return;
        }
        for (Waiter waiter : waiting) {
            if (waiter.state.compareAndSet(WAITING, WOKEN)) {
                scheduler.schedule(() -> answer(waiter), settings.pollLingerMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Answers every held poll now (the feed's status changed, or the node drains). */
    public void answerAll() {
        bySymbol.values().stream().flatMap(Set::stream).distinct().toList().forEach(this::answer);
    }

    /** Polls being held right now. */
    public int count() {
        return (int) bySymbol.values().stream().flatMap(Set::stream).distinct().count();
    }

    private void answer(Waiter waiter) {
        if (waiter.state.getAndSet(ANSWERED) == ANSWERED) {
            return;
        }
        for (String symbol : waiter.symbols) {
            Set<Waiter> waiting = bySymbol.get(symbol);
            if (waiting != null) {
                waiting.remove(waiter);
            }
        }
        try {
            // The position first: every quote at or below it is then in what since() returns.
            Cursor cursor = journal.cursor();
            boolean full = !journal.canResume(waiter.since);
            String body = ProtocolJson.JSONB.toJson(
                    new PollMessage(cursor, full, feedStatus.current().feed(), journal.since(waiter.symbols, waiter.since)));
            waiter.response.resume(Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build());
        } catch (RuntimeException e) {
            // The client may have gone; there is no one left to tell.
            LOG.log(Level.FINE, "Could not answer a long poll", e);
        } finally {
            waiter.onAnswered.run();
        }
    }
}
