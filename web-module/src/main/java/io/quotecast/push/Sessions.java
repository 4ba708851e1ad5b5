package io.quotecast.push;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.protocol.WelcomeEncoder;
import io.quotecast.protocol.WelcomeMessage;

/**
 * The open WebSocket sessions. Opening one gives it an {@link Outbox} and a welcome; closing one,
 * however it ends, removes it from every subscription.
 */
@ApplicationScoped
public class Sessions {

    private static final String SUBSCRIBER = Subscriber.class.getName();

    private final ConcurrentMap<String, Session> open = new ConcurrentHashMap<>();
    private final WelcomeEncoder welcome = new WelcomeEncoder();
    private PushSettings settings;
    private Subscriptions subscriptions;
    private InstrumentCatalog catalog;
    private PushStats stats;

    protected Sessions() {
    }

    @Inject
    public Sessions(PushSettings settings, Subscriptions subscriptions, InstrumentCatalog catalog, PushStats stats) {
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.stats = stats;
    }

    public Subscriber open(Session session) {
        session.setMaxTextMessageBufferSize(settings.maxMessageBytes());
        session.setMaxBinaryMessageBufferSize(settings.maxMessageBytes());
        Outbox outbox = new Outbox(new SessionTransport(session, settings.sendTimeoutMillis()),
                settings.maxQueuedReplies(), stats);
        Subscriber subscriber = new Subscriber(session.getId(), outbox);
        session.getUserProperties().put(SUBSCRIBER, subscriber);
        open.put(session.getId(), session);
        stats.sessionOpened();
        outbox.offerReply(welcome.text(
                new WelcomeMessage(subscriber.id(), settings.heartbeatSeconds(), catalog.symbols())));
        return subscriber;
    }

    public Optional<Subscriber> subscriber(Session session) {
        return Optional.ofNullable((Subscriber) session.getUserProperties().get(SUBSCRIBER));
    }

    /** Idempotent: the container may report a close after an error, or twice. */
    public void close(Session session) {
        if (open.remove(session.getId()) == null) {
            return;
        }
        subscriber(session).ifPresent(subscriber -> {
            subscriptions.remove(subscriber, subscriber.outbox().symbols());
            subscriber.outbox().discard();
        });
        stats.sessionClosed();
    }

    public int count() {
        return open.size();
    }

    /** On undeploy or shutdown: tell every client to reconnect elsewhere. */
    @PreDestroy
    void goingAway() {
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Server is shutting down");
        for (Session session : open.values()) {
            subscriber(session).ifPresent(s -> s.outbox().discard());
            new SessionTransport(session, settings.sendTimeoutMillis()).close(reason);
        }
        open.clear();
    }
}
