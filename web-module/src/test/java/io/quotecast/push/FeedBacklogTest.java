package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quotecast.quote.Quote;

class FeedBacklogTest {

    private static final long SECOND = 1_000_000_000L;
    private final long[] clock = {0};

    private static Quote quote(String symbol, long seq) {
        return QuoteFanOutTest.update(symbol, seq).quote();
    }

    private static List<String> drain(FeedBacklog backlog) {
        List<String> out = new ArrayList<>();
        for (Quote q = backlog.poll(); q != null; q = backlog.poll()) {
            out.add(q.symbol() + ":" + q.seq());
        }
        return out;
    }

    @Test
    void withinItsCapacityEveryUpdateWaitsInFeedOrder() {
        FeedBacklog backlog = new FeedBacklog(4, SECOND, () -> clock[0]);

        assertFalse(backlog.add(quote("AAPL", 1)));
        assertFalse(backlog.add(quote("MSFT", 1)));
        assertFalse(backlog.add(quote("AAPL", 2)));

        assertEquals(List.of("AAPL:1", "MSFT:1", "AAPL:2"), drain(backlog));
        assertTrue(backlog.isEmpty());
    }

    @Test
    void fullItConflatesPerSymbolInPlaceAndStaysBounded() {
        FeedBacklog backlog = new FeedBacklog(2, SECOND, () -> clock[0]);
        backlog.add(quote("AAPL", 1));
        backlog.add(quote("MSFT", 1));

        assertTrue(backlog.add(quote("AAPL", 2)), "replaces AAPL:1 in its place");
        assertFalse(backlog.add(quote("IBM", 1)), "a symbol with nothing waiting still gets in");
        assertTrue(backlog.add(quote("IBM", 2)));
        for (int seq = 2; seq < 100; seq++) {
            backlog.add(quote("MSFT", seq));
        }

        assertEquals(3, backlog.size(), "at most the capacity plus one per symbol");
        assertEquals(List.of("AAPL:2", "MSFT:99", "IBM:2"), drain(backlog));
    }

    @Test
    void anUpdateAfterItsSymbolWasTakenWaitsAnew() {
        FeedBacklog backlog = new FeedBacklog(1, SECOND, () -> clock[0]);
        backlog.add(quote("AAPL", 1));
        assertEquals("AAPL", backlog.poll().symbol());

        assertFalse(backlog.add(quote("AAPL", 2)));
        assertEquals(List.of("AAPL:2"), drain(backlog));
        assertNull(backlog.poll());
    }

    @Test
    void onceTheOldestHasWaitedTooLongItConflatesPerSymbolBelowItsCapacity() {
        FeedBacklog backlog = new FeedBacklog(100, SECOND, () -> clock[0]);
        backlog.add(quote("AAPL", 1));
        backlog.add(quote("MSFT", 1));
        clock[0] += SECOND / 2;
        assertFalse(backlog.add(quote("AAPL", 2)), "half a second behind: still as it came");

        clock[0] += SECOND;
        assertTrue(backlog.add(quote("AAPL", 3)), "a second and a half behind: the newest AAPL replaces AAPL:2");
        assertTrue(backlog.add(quote("MSFT", 2)));
        assertFalse(backlog.add(quote("IBM", 1)), "a symbol with nothing waiting still gets in");

        assertEquals(List.of("AAPL:1", "MSFT:2", "AAPL:3", "IBM:1"), drain(backlog));
    }
}
