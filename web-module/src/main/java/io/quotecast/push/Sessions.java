package io.quotecast.push;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.quotecast.feed.FeedStatus;
import io.quotecast.guard.ConnectionSlots;
import io.quotecast.guard.GuardSettings;
import io.quotecast.guard.GuardStats;
import io.quotecast.guard.InboundLimiter;
import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.protocol.WelcomeEncoder;
import io.quotecast.protocol.StatusEncoder;
import io.quotecast.protocol.StatusMessage;
import io.quotecast.protocol.WelcomeMessage;
import io.quotecast.security.Caller;
import io.quotecast.security.Entitlements;

/**
 * The open WebSocket sessions. Opening one gives it an {@link Outbox}, an inbound budget and a
 * welcome; closing one, however it ends, removes it from every subscription and frees its
 * connection slot. {@link #sweep} (run by {@link Heartbeats}) pings every session and closes
 * those whose peer is gone or has stopped reading.
 */
@ApplicationScoped
public class Sessions {

    private static final String CONNECTION = Connection.class.getName();

    private final ConcurrentMap<String, Connection> open = new ConcurrentHashMap<>();
    /** Hands out heartbeat slices in turn, so that each slice holds an even share of the sessions. */
    private final AtomicLong opened = new AtomicLong();
    /** Draining: every session will be closed soon, and the sweeps ping none of them. */
    private volatile boolean closingSoon;
    /** One per container I/O thread that owns a session: a handful, for the server's life. */
    private final ConcurrentMap<Executor, Lane> lanes = new ConcurrentHashMap<>();
    private final WelcomeEncoder welcome = new WelcomeEncoder();
    private final StatusEncoder status = new StatusEncoder();
    private HearingLag hearingLag;
    private PushSettings settings;
    private GuardSettings guard;
    private Subscriptions subscriptions;
    private InstrumentCatalog catalog;
    private PushStats stats;
    private ConnectionSlots slots;
    private GuardStats guardStats;
    private Entitlements entitlements;
    private Pacer pacer;

    /** Null in tests without a container: the feed then counts as live. */
    @Inject
    FeedStatus feedStatus;

    protected Sessions() {
    }

    @Inject
    public Sessions(PushSettings settings, GuardSettings guard, Subscriptions subscriptions, InstrumentCatalog catalog,
                    PushStats stats, ConnectionSlots slots, GuardStats guardStats, Entitlements entitlements,
                    Pacer pacer) {
        this.settings = settings;
        this.hearingLag = new HearingLag(TimeUnit.SECONDS.toNanos(settings.heartbeatSeconds()),
                settings.heartbeatMisses() + 1, silentLimitNanos());
        this.guard = guard;
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.stats = stats;
        this.slots = slots;
        this.guardStats = guardStats;
        this.entitlements = entitlements;
        this.pacer = pacer;
    }

    /** For tests that need no handshake limits; paced quotes wait until {@code pacer} is started. */
    public Sessions(PushSettings settings, Subscriptions subscriptions, InstrumentCatalog catalog, PushStats stats,
                    Pacer pacer) {
        this(settings, new GuardSettings(java.util.List.of(), 100_000, 100_000, 1_000, 1_000, 1_000),
                subscriptions, catalog, stats, new ConnectionSlots(100_000, 100_000), new GuardStats(),
                Entitlements.everyone(), pacer);
    }

    /** For tests that need no handshake limits and no pacing. */
    public Sessions(PushSettings settings, Subscriptions subscriptions, InstrumentCatalog catalog, PushStats stats) {
        this(settings, subscriptions, catalog, stats, new Pacer());
    }

    public Subscriber open(Session session) {
        long now = System.nanoTime();
        session.setMaxTextMessageBufferSize(settings.maxMessageBytes());
        session.setMaxBinaryMessageBufferSize(settings.maxMessageBytes());
        PushStats counters = stats.direct();
        // Looked up once: the read timeout, the I/O thread and Undertow's own write path all come from it.
        Object container = ContainerIoThread.channel(session);
        if (container != null) {
            try {
                UndertowReadTimeout.apply(container, settings.readTimeoutMillis());
            } catch (LinkageError e) {
                // Undertow's classes are not visible to this deployment: the listener's timeout stays.
            }
        }
        Object channel = settings.writeOnIoThread() ? container : null;
        Executor ioThread = ContainerIoThread.ioThread(channel);
        Lane lane = ioThread == null ? null : lanes.computeIfAbsent(ioThread, Lane::new);
        Outbox outbox = new Outbox(SessionTransports.of(session, settings, lane, channel, counters),
                settings.maxQueuedReplies(), counters, System::nanoTime, pacer);
        Optional<Caller> caller = Optional.ofNullable((Caller) session.getUserProperties().get(HandshakeDetails.CALLER));
        Subscriber subscriber = new Subscriber(session.getId(), outbox, entitlements.of(caller));
        String peer = (String) session.getUserProperties().get(HandshakeDetails.PEER_ADDRESS);
        Connection connection = new Connection(session, subscriber, new InboundLimiter(guard, now),
                new TextParts(settings.maxMessageBytes()), peer, now, opened.getAndIncrement());
        session.getUserProperties().put(CONNECTION, connection);
        open.put(session.getId(), connection);
        stats.sessionOpened();
        outbox.offerReply(welcome.text(
                new WelcomeMessage(subscriber.id(), settings.heartbeatSeconds(), catalog.symbols(),
                        caller.map(Caller::name).orElse(null))));
        // Welcome first, then the feed's status if it is stale. Under the connection's lock, as in
        // broadcast(): a change announced meanwhile is either seen here or broadcast to this session after.
        synchronized (connection) {
            connection.markWelcomed();
            if (feedStatus != null && feedStatus.stale()) {
                outbox.offerReply(status.text(StatusMessage.of(feedStatus.current())));
            }
        }
        return subscriber;
    }

    public Optional<Subscriber> subscriber(Session session) {
        return connection(session).map(Connection::subscriber);
    }

    /** Records that the peer is alive and asks the inbound budget whether to handle its message. */
    public InboundLimiter.Verdict admit(Session session) {
        Optional<Connection> connection = connection(session);
        if (connection.isEmpty()) {
            return InboundLimiter.Verdict.REFUSE;
        }
        long now = System.nanoTime();
        connection.get().heard(now);
        InboundLimiter.Verdict verdict = connection.get().limiter().admit(now);
        if (verdict == InboundLimiter.Verdict.REFUSE) {
            guardStats.rateLimited();
        } else if (verdict == InboundLimiter.Verdict.DISCONNECT) {
            guardStats.floodClosed();
            connection.get().subscriber().outbox().close(new CloseReason(CloseCodes.VIOLATED_POLICY,
                    "Sending faster than " + guard.messagesPerSecond() + " messages/s after RATE_LIMITED errors"));
        }
        return verdict;
    }

    /**
     * Collects a text message part by part, as the container reads it, and answers it whole after
     * its last part; closes the session with 1009 as soon as the parts pass the size limit (in
     * UTF-8 bytes, as documented), so a client never makes the server hold more than the limit.
     * Taking parts is what makes the limit hold everywhere: Undertow (WildFly) buffers a whole
     * message without applying the session's text buffer size (one frame claiming a gigabyte ran
     * the server out of heap), and Tyrus (Payara) applies it only to fragmented messages.
     */
    public Optional<String> assemble(Session session, String part, boolean last) {
        Optional<Connection> connection = connection(session);
        if (connection.isEmpty() || connection.get().subscriber().outbox().isClosed()) {
            return Optional.empty();
        }
        TextParts parts = connection.get().textParts();
        if (!parts.add(part)) {
            int limit = settings.maxMessageBytes();
            guardStats.oversizedClosed();
            connection.get().subscriber().outbox().close(new CloseReason(CloseCodes.TOO_BIG,
                    "Message over " + limit + " bytes"));
            return Optional.empty();
        }
        return last ? Optional.of(parts.take()) : Optional.empty();
    }

    /** The UTF-8 length of {@code text}, counting no further than just past {@code limit}. */
    static int utf8Length(String text, int limit) {
        int bytes = 0;
        for (int i = 0; i < text.length() && bytes <= limit; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** A pong (or any frame) from the peer. */
    public void heard(Session session) {
        connection(session).ifPresent(c -> c.heard(System.nanoTime()));
    }

    /**
     * A pong from the peer, carrying {@code payload}: when it answers one of our pings (eight
     * bytes, the ping's send time), how long the answer took to reach us counts towards
     * {@link HearingLag}. A peer may send pongs of its own (RFC 6455 allows unsolicited ones);
     * those only count as signs of life.
     */
    public void heardPong(Session session, ByteBuffer payload) {
        heardPong(session, payload, System.nanoTime());
    }

    void heardPong(Session session, ByteBuffer payload, long now) {
        if (payload != null && payload.remaining() == Long.BYTES) {
            hearingLag.record(now - payload.getLong(payload.position()), now);
        }
        connection(session).ifPresent(c -> c.heard(now));
    }

    /**
     * Forgets a session that ended {@code how} (its close code, or "error" and what failed; see
     * {@link PushStats#sessionsClosedBy()}). Idempotent: the container may report a close after
     * an error, or twice, and the first report is the one counted.
     */
    public void close(Session session, String how) {
        Connection connection = open.remove(session.getId());
        if (connection == null) {
            return;
        }
        Subscriber subscriber = connection.subscriber();
        subscriptions.remove(subscriber, subscriber.outbox().symbols());
        subscriber.outbox().discard();
        if (connection.peerAddress() != null) {
            slots.release(connection.peerAddress());
        }
        stats.sessionClosed(how);
    }

    public int count() {
        return open.size();
    }

    /**
     * One heartbeat over every session at {@code now}: close those that have been silent for too
     * many intervals or whose write has been pending too long, and ping the rest so that live
     * peers answer.
     */
    void sweep(long now) {
        sweep(now, 0, 1);
    }

    /**
     * One heartbeat over the sessions of one slice ({@link Heartbeats} runs the {@code slices}
     * in turn, one per second, so each session is still swept once per interval): pinging every
     * session at once made thousands of pings and then thousands of pongs compete with the
     * quotes for the same CPU in the same instant, and every 30 s a window of quotes was 100 to
     * 200 ms late.
     *
     * <p>A peer is dead when it has left more pings unanswered than the misses allowed and has been
     * silent that long on the clock too, plus however late the server has lately been hearing
     * the others' pongs ({@link HearingLag}), while nothing was being written to it. Counting
     * pings keeps an overloaded server, whose sweeps run late, from declaring dead the clients it
     * simply has not pinged; the hearing lag keeps one that handles its inbound frames minutes
     * late from taking their delay for silence; the clock keeps sweeps that come early from
     * closing a peer before its time; and while a write is in flight the ping may be queued
     * behind it, so the stuck-write limit judges that connection instead.
     */
    public void sweep(long now, int slice, int slices) {
        long lag = hearingLag.at(now);
        guardStats.hearingLag(lag);
        long silentLimit = silentLimitNanos() + lag;
        long stuckLimit = TimeUnit.SECONDS.toNanos(settings.stuckAfterSeconds());
        ByteBuffer ping = ByteBuffer.allocate(Long.BYTES).putLong(0, now).asReadOnlyBuffer();
        // Pings go out on each connection's I/O thread, one task per thread for all its sessions:
        // sent from here, each would be a task of its own, thousands at once in the threads' queues.
        LaneBatch pings = new LaneBatch();
        boolean pinging = !closingSoon;
        for (Connection connection : open.values()) {
            if (!connection.inSlice(slice, slices)) {
                continue;
            }
            Outbox outbox = connection.subscriber().outbox();
            if (outbox.pendingFor(now) > stuckLimit) {
                guardStats.stuckClosed();
                outbox.close(new CloseReason(CloseCodes.VIOLATED_POLICY,
                        "Not reading: a message has been waiting over " + settings.stuckAfterSeconds() + " s"));
            } else if (connection.unansweredPings() > settings.heartbeatMisses() && now - connection.lastHeard() > silentLimit
                    && outbox.pendingFor(now) == 0) {
                guardStats.heartbeatClosed();
                outbox.close(new CloseReason(CloseCodes.GOING_AWAY, "No answer to pings"));
            } else if (pinging) {
                pings.add(outbox, ignored -> {
                    if (ping(connection.session(), ping.duplicate())) {
                        connection.pinged();
                    }
                });
            }
        }
        pings.dispatch();
    }

    /** Sends a ping; false when the connection could not take one (it is going away). */
    private static boolean ping(Session session, ByteBuffer payload) {
        try {
            if (session.isOpen()) {
                session.getAsyncRemote().sendPing(payload);
                return true;
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            // The connection is going away; the next sweep or the container's close handles it.
        }
        return false;
    }

    /**
     * From now on no session is pinged: the node drains and will close them all. A pong sent just
     * as the close frame arrives reaches a balancer that has already closed the connection (HAProxy
     * closes both sides when the node half-closes after its close frame), and the reset it draws
     * can overtake the close frame, so the client sees 1006 rather than 1001 (docs/deployment.md,
     * "Draining"). No ping means no pong in flight; the silence check counts unanswered pings, so
     * it closes no one for the pings it was not sent.
     */
    public void stopPinging() {
        closingSoon = true;
    }

    private long silentLimitNanos() {
        return TimeUnit.SECONDS.toNanos((long) settings.heartbeatSeconds() * (settings.heartbeatMisses() + 1));
    }

    /** Queues {@code frame} (a status message) as a reply to every session that has had its welcome. */
    public void broadcast(String frame) {
        for (Connection connection : open.values()) {
            synchronized (connection) {
                if (connection.welcomed()) {
                    connection.subscriber().outbox().offerReply(frame);
                }
            }
        }
    }

    /** On undeploy or shutdown: tell every client to reconnect elsewhere. */
    @PreDestroy
    void goingAway() {
        goingAway("Server is shutting down");
    }

    /** Closes every session with 1001 Going Away and {@code why}: undeploy, shutdown, drain. */
    public void goingAway(String why) {
        CloseReason reason = new CloseReason(CloseCodes.GOING_AWAY, why);
        open.values().forEach(connection -> goingAway(connection, reason));
    }

    /** Closes the sessions of {@code ids} still open with 1001 Going Away and {@code why}: a drain's slice. */
    public void goingAway(String why, Collection<String> ids) {
        CloseReason reason = new CloseReason(CloseCodes.GOING_AWAY, why);
        for (String id : ids) {
            Connection connection = open.get(id);
            if (connection != null) {
                goingAway(connection, reason);
            }
        }
    }

    private void goingAway(Connection connection, CloseReason reason) {
        connection.subscriber().outbox().close(reason);
        close(connection.session(), String.valueOf(reason.getCloseCode().getCode()));
    }

    /** The ids of the sessions open now. */
    public List<String> ids() {
        return List.copyOf(open.keySet());
    }

    private static Optional<Connection> connection(Session session) {
        return Optional.ofNullable((Connection) session.getUserProperties().get(CONNECTION));
    }
}
