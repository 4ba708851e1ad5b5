package io.quotecast.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import io.quotecast.quote.LastValueCache;
import io.quotecast.quote.QuoteUpdated;

/**
 * Turns one feed message into a quote: parse, apply to the last-value cache, announce. Every
 * message is counted as received and then as accepted or rejected with its reason; nothing here
 * throws, so a poison message is acknowledged once and never redelivered.
 */
@ApplicationScoped
public class PriceIntake {

    private PriceMessageFormat format;
    private LastValueCache cache;
    private FeedStats stats;
    private Consumer<QuoteUpdated> announce;
    private RejectionLog rejectionLog;
    private Clock clock;

    protected PriceIntake() {
    }

    @Inject
    public PriceIntake(LastValueCache cache, FeedStats stats, Event<QuoteUpdated> updates) {
        this(Clock.systemUTC(), cache, stats, updates::fire);
    }

    public PriceIntake(Clock clock, LastValueCache cache, FeedStats stats, Consumer<QuoteUpdated> announce) {
        this.clock = clock;
        this.format = new PriceMessageFormat(clock);
        this.cache = cache;
        this.stats = stats;
        this.announce = announce;
        this.rejectionLog = new RejectionLog(clock, Duration.ofSeconds(10));
    }

    public void onText(String text) {
        stats.received();
        PriceMessageFormat.Parsed parsed = format.parse(text);
        if (parsed.rejection() != null) {
            reject(parsed.rejection(), parsed.detail());
            return;
        }
        LastValueCache.Outcome outcome = cache.apply(parsed.tick());
        if (!outcome.accepted()) {
            FeedRejection reason = outcome.refusal() == LastValueCache.Refusal.UNKNOWN_SYMBOL
                    ? FeedRejection.UNKNOWN_SYMBOL : FeedRejection.STALE_SEQUENCE;
            reject(reason, parsed.tick().symbol());
            return;
        }
        stats.accepted(clock.instant());
        announce.accept(new QuoteUpdated(outcome.quote()));
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
