package io.quotecast.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Set;

import io.quotecast.protocol.QuoteEncoder;
import io.quotecast.protocol.QuoteMessage;
import io.quotecast.quote.Quote;
import io.quotecast.quote.QuoteUpdated;

/**
 * THE FAN-OUT. Each update from the feed is encoded to text once, then offered to the outbox of
 * every session subscribed to its symbol, on the container thread that owns each connection
 * where there is one ({@link LaneBatch}: one hand-off per I/O thread, not one per write). Offering never blocks and never writes more than one
 * frame per session at a time (see {@link Outbox}), so this loop costs a map lookup and a queue
 * insert per subscriber, one slow or dead client cannot stall the others, and the feed thread
 * (the MDB's, which calls this observer synchronously and in feed order) is never held up by
 * the network.
 */
@ApplicationScoped
public class QuoteFanOut {

    private final QuoteEncoder encoder = new QuoteEncoder();
    private Subscriptions subscriptions;
    private PushStats stats;

    protected QuoteFanOut() {
    }

    @Inject
    public QuoteFanOut(Subscriptions subscriptions, PushStats stats) {
        this.subscriptions = subscriptions;
        this.stats = stats;
    }

    public void onUpdate(@Observes QuoteUpdated update) {
        stats.updateReceived();
        Quote quote = update.quote();
        Set<Subscriber> subscribers = subscriptions.of(quote.symbol());
        if (subscribers.isEmpty()) {
            return;
        }
        String frame = encoder.text(QuoteMessage.of(quote));
        String symbol = quote.symbol();
        long seq = quote.seq();
        LaneBatch offers = new LaneBatch(outbox -> outbox.offerQuote(symbol, seq, frame));
        for (Subscriber subscriber : subscribers) {
            offers.add(subscriber.outbox());
        }
        offers.dispatch();
    }
}
