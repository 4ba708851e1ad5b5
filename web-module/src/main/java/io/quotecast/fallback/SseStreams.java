package io.quotecast.fallback;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.quotecast.feed.FeedStatus;
import io.quotecast.feed.FeedStatusChanged;
import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.protocol.SnapshotEncoder;
import io.quotecast.protocol.SnapshotMessage;
import io.quotecast.protocol.StatusEncoder;
import io.quotecast.protocol.StatusMessage;
import io.quotecast.protocol.WelcomeEncoder;
import io.quotecast.protocol.WelcomeMessage;
import io.quotecast.protocol.ProtocolJson;
import io.quotecast.push.Outbox;
import io.quotecast.push.PushSettings;
import io.quotecast.push.PushStats;
import io.quotecast.push.Subscriber;
import io.quotecast.push.Subscriptions;
import io.quotecast.quote.Quote;
import io.quotecast.security.Entitlement;

/**
 * The open Server-Sent Events streams. Each is a {@link Subscriber} like a WebSocket session: an
 * {@link Outbox} (bounded, conflating, one write in flight) over an {@link SseTransport},
 * registered in the shared {@link Subscriptions}, so the fan-out feeds it the very frames it
 * writes to sockets. Opening follows the WebSocket subscribe order (hold, register, snapshot,
 * release), so no quote is missed or sent twice around the snapshot.
 *
 * <p>Every heartbeat interval, on the container's scheduler, each stream gets a heartbeat and a
 * stream whose write has been stuck too long is closed (its client stopped reading).
 */
@ApplicationScoped
public class SseStreams {

    private static final Logger LOG = Logger.getLogger(SseStreams.class.getName());

    private final ConcurrentMap<String, Subscriber> open = new ConcurrentHashMap<>();
    // What to do once a stream has ended (give its connection slot back), by stream id.
    private final ConcurrentMap<String, Runnable> ends = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final WelcomeEncoder welcome = new WelcomeEncoder();
    private final SnapshotEncoder snapshots = new SnapshotEncoder();
    private final StatusEncoder status = new StatusEncoder();
    private final Clock clock = Clock.systemUTC();
    private ScheduledFuture<?> heartbeats;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    QuoteJournal journal;

    @Inject
    Subscriptions subscriptions;

    @Inject
    InstrumentCatalog catalog;

    @Inject
    PushSettings settings;

    @Inject
    PushStats stats;

    @Inject
    FeedStatus feedStatus;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        int seconds = settings.heartbeatSeconds();
        heartbeats = scheduler.scheduleAtFixedRate(this::beat, seconds, seconds, TimeUnit.SECONDS);
    }

    /** Starts a stream of {@code symbols} for a client that has everything up to {@code since}, if this journal knows it. */
    void open(SseEventSink sink, Sse sse, List<String> symbols, Optional<Cursor> since, Entitlement entitlement,
              Runnable onEnd) {
        String id = "sse-" + ids.incrementAndGet();
        Map<String, Long> clientHas = new HashMap<>();
        if (journal.canResume(since)) {
            // What the client already has: each symbol's newest quote at or before its cursor.
            symbols.forEach(s -> journal.newest(s).filter(e -> e.position() <= since.get().position())
                    .ifPresent(e -> clientHas.put(s, e.quote().seq())));
        }
        SseTransport transport = new SseTransport(sink, sse, journal, symbols, clientHas, () -> forget(id));
        ends.put(id, onEnd);
        Outbox outbox = new Outbox(transport, settings.maxQueuedReplies(), stats);
        Subscriber subscriber = new Subscriber(id, outbox, entitlement);

        outbox.hold(symbols);
        subscriptions.add(subscriber, symbols);
        List<Quote> fresh = journal.since(symbols, since);
        Map<String, Long> covered = new HashMap<>(clientHas);
        fresh.forEach(q -> covered.merge(q.symbol(), q.seq(), Math::max));
        FeedStatusChanged told = feedStatus.current();
        List<String> first = new ArrayList<>();
        first.add(welcome.text(new WelcomeMessage(id, settings.heartbeatSeconds(), catalog.symbols())));
        if (told.stale()) {
            first.add(status.text(StatusMessage.of(told)));
        }
        first.add(snapshots.text(new SnapshotMessage(fresh)));
        outbox.release(symbols, covered, first);
        // Known to broadcast() only now, after its welcome; a status change announced before this
        // point was not broadcast to it, so it is told here. Same lock as broadcast().
        synchronized (subscriber) {
            open.put(id, subscriber);
            if (feedStatus.stale() != told.stale()) {
                outbox.offerReply(status.text(StatusMessage.of(feedStatus.current())));
            }
        }
    }

    /** Queues {@code frame} (a status message) on every open stream. */
    public void broadcast(String frame) {
        for (Subscriber subscriber : open.values()) {
            synchronized (subscriber) {
                subscriber.outbox().offerReply(frame);
            }
        }
    }

    /** Ends every stream, so its client reconnects (to another node): drain and shutdown. */
    public void endAll(String why) {
        CloseReason reason = new CloseReason(CloseCodes.GOING_AWAY, why);
        open.values().forEach(subscriber -> subscriber.outbox().close(reason));
    }

    /** Ends the streams of {@code ids} still open: a drain's slice. */
    public void end(String why, Collection<String> ids) {
        CloseReason reason = new CloseReason(CloseCodes.GOING_AWAY, why);
        for (String id : ids) {
            Subscriber subscriber = open.get(id);
            if (subscriber != null) {
                subscriber.outbox().close(reason);
            }
        }
    }

    /** The ids of the streams open now. */
    public List<String> ids() {
        return List.copyOf(open.keySet());
    }

    public int count() {
        return open.size();
    }

    /** Runs when the outbox closes the transport, whatever the reason; idempotent. */
    private void forget(String id) {
        Subscriber subscriber = open.remove(id);
        if (subscriber != null) {
            subscriptions.remove(subscriber, subscriber.outbox().symbols());
        }
        Runnable end = ends.remove(id);
        if (end != null) {
            end.run();
        }
    }

    private void beat() {
        try {
            String heartbeat = ProtocolJson.JSONB.toJson(new HeartbeatMessage(clock.instant()));
            long stuckNanos = TimeUnit.SECONDS.toNanos(settings.stuckAfterSeconds());
            long now = System.nanoTime();
            for (Subscriber subscriber : open.values()) {
                Outbox outbox = subscriber.outbox();
                if (outbox.isClosed()) {
                    forget(subscriber.id());
                } else if (outbox.pendingFor(now) > stuckNanos) {
                    outbox.close(new CloseReason(CloseCodes.VIOLATED_POLICY, "Client is not reading"));
                } else {
                    outbox.offerReply(heartbeat);
                }
            }
        } catch (RuntimeException e) {
            // An exception would cancel the schedule, and with it every future heartbeat.
            LOG.log(Level.WARNING, "SSE heartbeat failed; next one in " + settings.heartbeatSeconds() + " s", e);
        }
    }

    /** On undeploy or shutdown: end every stream, so clients reconnect (to another node). */
    @PreDestroy
    void stop() {
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        endAll("Server is shutting down");
        open.clear();
    }
}
