package io.quotecast.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.quotecast.quote.LastValueCache;
import io.quotecast.quote.Quote;
import io.quotecast.quote.QuoteUpdated;

/**
 * Turns one feed message into quotes: parse, apply to the last-value cache, announce. Every
 * price is counted as received and then as accepted or rejected with its reason (a message
 * refused as a whole counts as one); nothing here throws, so a poison message is acknowledged
 * once and never redelivered.
 */
@ApplicationScoped
public class PriceIntake {

    private static final Logger LOG = Logger.getLogger(PriceIntake.class.getName());

    private PriceMessageFormat format;
    private LastValueCache cache;
    private FeedStats stats;
    private Consumer<QuoteUpdated> announce;
    private RejectionLog rejectionLog;
    private Clock clock;
    private FeedStatus status;

    protected PriceIntake() {
    }

    @Inject
    public PriceIntake(LastValueCache cache, FeedStats stats, FeedStatus status, Event<QuoteUpdated> updates) {
        this(Clock.systemUTC(), cache, stats, status, updates::fire);
    }

    public PriceIntake(Clock clock, LastValueCache cache, FeedStats stats, Consumer<QuoteUpdated> announce) {
        this(clock, cache, stats, new FeedStatus(clock, Duration.ofDays(1), s -> { }), announce);
    }

    public PriceIntake(Clock clock, LastValueCache cache, FeedStats stats, FeedStatus status,
                       Consumer<QuoteUpdated> announce) {
        this.clock = clock;
        this.status = status;
        this.format = new PriceMessageFormat(clock);
        this.cache = cache;
        this.stats = stats;
        this.announce = announce;
        this.rejectionLog = new RejectionLog(clock, Duration.ofSeconds(10));
    }

    /** One feed message: one price, or several in an array, applied in the order they come. */
    public void onText(String text) {
        for (PriceMessageFormat.Parsed parsed : format.parseAll(text)) {
            apply(parsed);
        }
    }

    private void apply(PriceMessageFormat.Parsed parsed) {
        stats.received();
        if (parsed.rejection() != null) {
            reject(parsed.rejection(), parsed.detail());
            return;
        }
        LastValueCache.Outcome outcome = cache.apply(parsed.tick());
        if (!outcome.accepted()) {
            reject(reasonFor(outcome.refusal()), parsed.tick().symbol());
            return;
        }
        Instant now = clock.instant();
        stats.accepted(now);
        if (status.stale()) {
            LOG.info("Feed is live again");
        }
        status.priceArrived(now);
        announceSafely(outcome.quote());
    }

    /**
     * A bug on the push side must cost one update, never the prices after it in the same message
     * nor the feed: the quote is already in the cache, so the next snapshot still shows it.
     */
    private void announceSafely(Quote quote) {
        try {
            announce.accept(new QuoteUpdated(quote));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Quote update could not be handed to the push side", e);
        }
    }

    /**
     * One message of a snapshot (the broker's last-value queue, browsed at start): applied to the
     * cache and announced like a price, but counted apart ({@code snapshotQuotes}), never as a
     * rejection, and not as a sign that the feed is live. One the cache already has (same or older
     * feed seq: the live topic delivered it first) is skipped as {@code STALE_SEQUENCE}; the
     * caller tallies what is skipped and why ({@link SnapshotTally}).
     *
     * @return empty when applied, else why not
     */
    public Optional<FeedRejection> onSnapshot(String text) {
        PriceMessageFormat.Parsed parsed = format.parse(text);
        if (parsed.rejection() != null) {
            return Optional.of(parsed.rejection());
        }
        LastValueCache.Outcome outcome = cache.apply(parsed.tick());
        if (!outcome.accepted()) {
            return Optional.of(reasonFor(outcome.refusal()));
        }
        stats.snapshotApplied();
        announce.accept(new QuoteUpdated(outcome.quote()));
        return Optional.empty();
    }

    private static FeedRejection reasonFor(LastValueCache.Refusal refusal) {
        return refusal == LastValueCache.Refusal.UNKNOWN_SYMBOL ? FeedRejection.UNKNOWN_SYMBOL : FeedRejection.STALE_SEQUENCE;
    }

    public void onNotText(String messageType) {
        stats.received();
        reject(FeedRejection.NOT_TEXT, messageType);
    }

    private void reject(FeedRejection reason, String detail) {
        stats.rejected(reason);
        rejectionLog.log(reason, detail);
    }
}
