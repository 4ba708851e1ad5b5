package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quotecast.protocol.QuoteEncoder;
import io.quotecast.protocol.QuoteMessage;
import io.quotecast.quote.Quote;
import io.quotecast.quote.QuoteUpdated;
import io.quotecast.security.Entitlement;

/**
 * The slow-consumer guarantee without a server: 1% of the subscribers stop reading (their first
 * write never completes) while the feed publishes 200,000 updates through the real fan-out. Each
 * stuck outbox then holds at most one quote per subscribed symbol, every drop is counted, the
 * stuck write is visible to the heartbeat sweep, and every other subscriber gets every update.
 * Counts only: nothing here depends on how fast the machine is.
 */
class SlowConsumersTest {

    private static final int SUBSCRIBERS = 1_000;
    private static final int STUCK_EVERY = 100;
    private static final int SYMBOLS = 100;
    private static final int SYMBOLS_PER_SUBSCRIBER = 5;
    private static final int UPDATES = 200_000;
    private static final int MAX_REPLIES = 64;
    private static final String QUOTE_PREFIX = "{\"type\":\"quote\",\"symbol\":\"";

    /** Completes every write at once, and remembers how many quotes of each symbol it got and the last one. */
    private static final class ReadingClient implements Outbox.Transport {
        final Map<String, Integer> received = new HashMap<>();
        final Map<String, String> last = new HashMap<>();

        @Override
        public void send(String frame, SendHandler done) {
            String symbol = frame.substring(QUOTE_PREFIX.length(), frame.indexOf('"', QUOTE_PREFIX.length()));
            received.merge(symbol, 1, Integer::sum);
            last.put(symbol, frame);
            done.onResult(new SendResult());
        }

        @Override
        public void close(CloseReason reason) {
            throw new AssertionError("a reading client is never closed: " + reason);
        }
    }

    /** Takes its first write and never completes it, until the test lets it read again. */
    private static final class StuckClient implements Outbox.Transport {
        SendHandler pending;
        final List<String> drained = new ArrayList<>();
        int writesStarted;

        @Override
        public void send(String frame, SendHandler done) {
            writesStarted++;
            if (pending == null && drained.isEmpty()) {
                pending = done;
                return;
            }
            drained.add(frame);
            done.onResult(new SendResult());
        }

        /** The client reads again: its stuck write completes and the outbox drains what it kept. */
        void resume() {
            SendHandler done = pending;
            pending = null;
            drained.add("(the write that was stuck)");
            done.onResult(new SendResult());
        }

        @Override
        public void close(CloseReason reason) {
            throw new AssertionError("the outbox itself never closes a client that is only slow: " + reason);
        }
    }

    private final PushStats stats = new PushStats();
    private final Subscriptions subscriptions = new Subscriptions();
    private final QuoteFanOut fanOut = new QuoteFanOut(subscriptions, stats);
    private final QuoteEncoder encoder = new QuoteEncoder();
    /** The outboxes' clock: it stands still unless the test moves it. */
    private long nanoTime = TimeUnit.HOURS.toNanos(1);

    @Test
    void onePercentOfClientsNotReadingHoldAtMostOneQuotePerSymbolWhileEveryOtherClientGetsEveryUpdate() {
        List<ReadingClient> reading = new ArrayList<>();
        Map<ReadingClient, List<String>> readingSymbols = new HashMap<>();
        List<StuckClient> stuck = new ArrayList<>();
        Map<StuckClient, List<String>> stuckSymbols = new HashMap<>();
        Map<StuckClient, Outbox> stuckOutboxes = new HashMap<>();
        List<Outbox> readingOutboxes = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            List<String> symbols = symbolsOf(i);
            if (i % STUCK_EVERY == 0) {
                StuckClient client = new StuckClient();
                stuck.add(client);
                stuckSymbols.put(client, symbols);
                stuckOutboxes.put(client, subscribe("stuck-" + i, client, symbols));
            } else {
                ReadingClient client = new ReadingClient();
                reading.add(client);
                readingSymbols.put(client, symbols);
                readingOutboxes.add(subscribe("reading-" + i, client, symbols));
            }
        }

        Map<String, Integer> published = new HashMap<>();
        Map<String, Quote> latest = new HashMap<>();
        Random feed = new Random(4);
        for (int u = 0; u < UPDATES; u++) {
            String symbol = symbol(feed.nextInt(SYMBOLS));
            long seq = published.merge(symbol, 1, Integer::sum);
            Quote quote = quote(symbol, seq);
            latest.put(symbol, quote);
            fanOut.onUpdate(new QuoteUpdated(quote));
        }
        long later = nanoTime + TimeUnit.SECONDS.toNanos(31);

        // Every reading client got every update of its symbols, the last one being the latest.
        for (ReadingClient client : reading) {
            for (String symbol : readingSymbols.get(client)) {
                assertEquals(published.getOrDefault(symbol, 0), client.received.getOrDefault(symbol, 0),
                        () -> "updates of " + symbol + " a reading client got");
                assertEquals(frame(latest.get(symbol)), client.last.get(symbol), () -> "latest " + symbol);
            }
        }
        readingOutboxes.forEach(outbox -> assertEquals(0, outbox.pendingFor(later), "nothing pending for a reader"));

        // A stuck client costs one write in flight plus at most one quote per symbol, whatever the
        // feed did, and the sweep can see its write waiting.
        long expectedConflated = 0;
        for (StuckClient client : stuck) {
            List<String> symbols = stuckSymbols.get(client);
            Outbox outbox = stuckOutboxes.get(client);
            assertEquals(1, client.writesStarted, "a client that does not read has exactly one write started");
            assertNotNull(client.pending);
            assertTrue(outbox.pendingFor(later) >= TimeUnit.SECONDS.toNanos(31),
                    "the stuck write shows as pending for the heartbeat sweep");
            int offered = symbols.stream().mapToInt(s -> published.getOrDefault(s, 0)).sum();

            client.resume();

            int kept = client.drained.size() - 1;
            assertTrue(kept <= symbols.size(),
                    () -> kept + " quotes kept for a client not reading " + symbols.size() + " symbols");
            List<String> latestOfItsSymbols = symbols.stream().map(s -> frame(latest.get(s))).toList();
            assertTrue(latestOfItsSymbols.containsAll(client.drained.subList(1, client.drained.size())),
                    "what a stuck client finally reads is the latest quote of each symbol");
            expectedConflated += offered - 1 - kept;
        }
        assertEquals(expectedConflated, stats.quotesConflated(),
                "every quote replaced before a stuck client read it is counted, and nothing else");
        assertTrue(stats.quotesConflated() > 0, "conflation happened");
    }

    private Outbox subscribe(String id, Outbox.Transport client, List<String> symbols) {
        Outbox outbox = new Outbox(client, MAX_REPLIES, stats, () -> nanoTime);
        Subscriber subscriber = new Subscriber(id, outbox, Entitlement.ALL);
        outbox.hold(symbols);
        subscriptions.add(subscriber, symbols);
        outbox.release(symbols, Map.of(), List.of());
        return outbox;
    }

    private static List<String> symbolsOf(int subscriber) {
        List<String> symbols = new ArrayList<>(SYMBOLS_PER_SUBSCRIBER);
        for (int k = 0; k < SYMBOLS_PER_SUBSCRIBER; k++) {
            symbols.add(symbol((subscriber * SYMBOLS_PER_SUBSCRIBER + k) % SYMBOLS));
        }
        return symbols;
    }

    private static String symbol(int index) {
        return String.format("S%03d", index);
    }

    private static Quote quote(String symbol, long seq) {
        return new Quote(symbol, BigDecimal.valueOf(10_000 + seq, 2), BigDecimal.ONE, new BigDecimal("0.01"),
                seq * 100, seq, Instant.parse("2026-11-21T20:33:06.120Z"));
    }

    private String frame(Quote quote) {
        return encoder.text(QuoteMessage.of(quote));
    }
}
