package io.quotecast.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.instrument.Symbols;
import io.quotecast.protocol.ClientMessage;
import io.quotecast.protocol.ErrorCode;
import io.quotecast.protocol.ErrorEncoder;
import io.quotecast.protocol.ErrorMessage;
import io.quotecast.protocol.PongEncoder;
import io.quotecast.protocol.PongMessage;
import io.quotecast.protocol.SnapshotEncoder;
import io.quotecast.protocol.SnapshotMessage;
import io.quotecast.protocol.SubscribedEncoder;
import io.quotecast.protocol.SubscribedMessage;
import io.quotecast.protocol.UnsubscribedEncoder;
import io.quotecast.protocol.UnsubscribedMessage;
import io.quotecast.quote.LastValueCache;
import io.quotecast.quote.Quote;
import io.quotecast.security.SecurityStats;

/**
 * Answers what a client asks: subscribe, unsubscribe, ping, and error frames for the rest. Runs
 * on the session's message thread; a subscription's snapshot and its live quotes are ordered by
 * the {@link Outbox} (hold, register, snapshot, release), so none is missed or sent twice.
 */
@ApplicationScoped
public class ClientRequests {

    private final ErrorEncoder errors = new ErrorEncoder();
    private final SubscribedEncoder subscribed = new SubscribedEncoder();
    private final SnapshotEncoder snapshots = new SnapshotEncoder();
    private final UnsubscribedEncoder unsubscribed = new UnsubscribedEncoder();
    private final PongEncoder pongs = new PongEncoder();

    private Subscriptions subscriptions;
    private InstrumentCatalog catalog;
    private LastValueCache cache;
    private PushSettings settings;
    private PushStats stats;
    private SecurityStats securityStats;
    private Clock clock;

    protected ClientRequests() {
    }

    @Inject
    public ClientRequests(Subscriptions subscriptions, InstrumentCatalog catalog, LastValueCache cache,
                          PushSettings settings, PushStats stats, SecurityStats securityStats) {
        this(subscriptions, catalog, cache, settings, stats, securityStats, Clock.systemUTC());
    }

    public ClientRequests(Subscriptions subscriptions, InstrumentCatalog catalog, LastValueCache cache,
                          PushSettings settings, PushStats stats, SecurityStats securityStats, Clock clock) {
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.cache = cache;
        this.settings = settings;
        this.stats = stats;
        this.securityStats = securityStats;
        this.clock = clock;
    }

    public void handle(Subscriber subscriber, ClientMessage message) {
        if (message instanceof ClientMessage.Subscribe subscribe) {
            subscribe(subscriber, subscribe.symbols(), subscribe.intervalNanos(), subscribe.batch());
        } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
            unsubscribe(subscriber, unsubscribe.symbols());
        } else if (message instanceof ClientMessage.Ping ping) {
            subscriber.outbox().offerReply(pongs.text(new PongMessage(ping.id(), clock.instant())));
        } else if (message instanceof ClientMessage.Invalid invalid) {
            error(subscriber, new ErrorMessage(invalid.code(), invalid.message()));
        }
    }

    private void subscribe(Subscriber subscriber, List<String> requested, long intervalNanos, boolean batch) {
        Outbox outbox = subscriber.outbox();
        List<String> accepted = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String symbol : validOnly(subscriber, requested)) {
            (catalog.contains(symbol) ? accepted : unknown).add(symbol);
        }
        if (!unknown.isEmpty()) {
            error(subscriber, new ErrorMessage(ErrorCode.UNKNOWN_SYMBOL,
                    "Not in the catalog (see the welcome message's symbols): " + String.join(", ", unknown), unknown));
        }
        accepted = entitled(subscriber, accepted);
        accepted = withinLimit(subscriber, accepted);
        if (accepted.isEmpty()) {
            return;
        }
        boolean paced = outbox.hold(accepted, intervalNanos, batch);
        subscriptions.add(subscriber, accepted, paced);
        List<Quote> snapshot = cache.get(accepted);
        Map<String, Long> covered = new LinkedHashMap<>();
        snapshot.forEach(q -> covered.put(q.symbol(), q.seq()));
        outbox.release(accepted, covered, List.of(
                subscribed.text(new SubscribedMessage(accepted)),
                snapshots.text(new SnapshotMessage(snapshot))));
    }

    private List<String> entitled(Subscriber subscriber, List<String> known) {
        List<String> permitted = new ArrayList<>();
        List<String> forbidden = new ArrayList<>();
        for (String symbol : known) {
            (catalog.find(symbol).map(subscriber.entitlement()::permits).orElse(false) ? permitted : forbidden).add(symbol);
        }
        if (!forbidden.isEmpty()) {
            securityStats.forbidden(forbidden.size());
            error(subscriber, new ErrorMessage(ErrorCode.FORBIDDEN,
                    "Not entitled to: " + String.join(", ", forbidden), forbidden));
        }
        return permitted;
    }

    private List<String> withinLimit(Subscriber subscriber, List<String> accepted) {
        Set<String> current = subscriber.outbox().symbols();
        int room = settings.maxSubscriptions() - current.size();
        List<String> fits = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String symbol : accepted) {
            if (current.contains(symbol) || room-- > 0) {
                fits.add(symbol);
            } else {
                refused.add(symbol);
            }
        }
        if (!refused.isEmpty()) {
            error(subscriber, new ErrorMessage(ErrorCode.TOO_MANY_SUBSCRIPTIONS,
                    "A session may subscribe to at most " + settings.maxSubscriptions()
                            + " symbols; unsubscribe some first. Refused: " + String.join(", ", refused), refused));
        }
        return fits;
    }

    private void unsubscribe(Subscriber subscriber, List<String> requested) {
        List<String> symbols = validOnly(subscriber, requested);
        if (symbols.isEmpty()) {
            return;
        }
        subscriptions.remove(subscriber, symbols);
        subscriber.outbox().stop(symbols, unsubscribed.text(new UnsubscribedMessage(symbols)));
    }

    /** The syntactically valid symbols, without duplicates; one error frame lists the others. */
    private List<String> validOnly(Subscriber subscriber, List<String> requested) {
        Set<String> valid = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        for (String symbol : requested) {
            if (Symbols.isValid(symbol)) {
                valid.add(symbol);
            } else {
                invalid.add(symbol.length() > Symbols.MAX_LENGTH ? symbol.substring(0, Symbols.MAX_LENGTH) + "…" : symbol);
            }
        }
        if (!invalid.isEmpty()) {
            error(subscriber, new ErrorMessage(ErrorCode.INVALID_SYMBOL,
                    "Symbols are 1 to " + Symbols.MAX_LENGTH + " characters: an upper-case letter, then upper-case "
                            + "letters, digits, '.' or '-'. Not valid: " + String.join(", ", invalid), invalid));
        }
        return new ArrayList<>(valid);
    }

    private void error(Subscriber subscriber, ErrorMessage error) {
        stats.errorSent();
        subscriber.outbox().offerReply(errors.text(error));
    }
}
