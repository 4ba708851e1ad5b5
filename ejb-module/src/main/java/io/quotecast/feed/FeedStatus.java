package io.quotecast.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Whether prices are flowing: {@code live}, or {@code stale} once the feed has been silent for
 * longer than {@code quotecast.feed.stale-after-seconds} (the broker is down, or the feed is).
 * Each change is announced once with a {@link FeedStatusChanged} event: to live by the feed's
 * thread as the first price after the silence arrives (before that price is announced), to stale
 * by {@link FeedWatchdog}'s timer. Silence is counted from start until the first price.
 */
@ApplicationScoped
public class FeedStatus {

    private final AtomicReference<FeedStatusChanged> current = new AtomicReference<>();
    private final AtomicReference<Instant> lastPrice = new AtomicReference<>();
    private final AtomicLong staleCount = new AtomicLong();
    private Duration staleAfter;
    private Consumer<FeedStatusChanged> announce;

    protected FeedStatus() {
    }

    @Inject
    public FeedStatus(FeedSettings settings, Event<FeedStatusChanged> changes) {
        this(Clock.systemUTC(), Duration.ofSeconds(settings.staleAfterSeconds()), changes::fire);
    }

    public FeedStatus(Clock clock, Duration staleAfter, Consumer<FeedStatusChanged> announce) {
        this.staleAfter = staleAfter;
        this.announce = announce;
        Instant now = clock.instant();
        lastPrice.set(now);
        current.set(new FeedStatusChanged(false, now));
    }

    /** A price was applied; announces {@code live} if the feed was stale. */
    public void priceArrived(Instant now) {
        lastPrice.set(now);
        FeedStatusChanged was = current.get();
        if (was.stale() && current.compareAndSet(was, new FeedStatusChanged(false, now))) {
            announce.accept(current.get());
        }
    }

    /** Announces {@code stale} if no price has arrived for longer than the bound. */
    public void check(Instant now) {
        FeedStatusChanged was = current.get();
        Instant last = lastPrice.get();
        if (!was.stale() && Duration.between(last, now).compareTo(staleAfter) > 0
                && current.compareAndSet(was, new FeedStatusChanged(true, last))) {
            staleCount.incrementAndGet();
            announce.accept(current.get());
        }
    }

    public boolean stale() {
        return current.get().stale();
    }

    /** The current status; {@code since} is when it began (for stale: the last price before the silence). */
    public FeedStatusChanged current() {
        return current.get();
    }

    /** How many times the feed has gone stale since start. */
    public long staleCount() {
        return staleCount.get();
    }

    public Duration staleAfter() {
        return staleAfter;
    }
}
