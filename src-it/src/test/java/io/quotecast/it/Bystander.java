package io.quotecast.it;

import java.time.Duration;

import static io.quotecast.it.QuoteSocket.isQuoteOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A well-behaved client that watches one symbol while a test attacks the server some other way:
 * the proof that what the test did hurt no one else is that it still gets fresh quotes.
 */
final class Bystander implements AutoCloseable {

    /** A fresh quote arrives within this on a server that is serving; generous for a shared machine. */
    static final Duration FRESH_QUOTE_BOUND = Duration.ofSeconds(30);
    static final String SYMBOL = "AAPL";

    private final QuoteSocket socket;

    private Bystander(QuoteSocket socket) {
        this.socket = socket;
    }

    static Bystander watching() {
        Await.until(SYMBOL + " to have a price", FRESH_QUOTE_BOUND,
                () -> Api.get("/api/quotes/" + SYMBOL).statusCode() == 200);
        QuoteSocket socket = QuoteSocket.openPastWelcome();
        socket.subscribe(SYMBOL);
        return new Bystander(socket);
    }

    /**
     * Fails unless the server is healthy and this session gets a quote newer than anything the
     * server had priced when asked, i.e. one priced after whatever the test just did.
     */
    void assertStillServed(String after) {
        assertEquals(200, Api.get("/api/health").statusCode(), () -> "/api/health after " + after);
        long seqNow = Api.getObject("/api/quotes/" + SYMBOL).getJsonNumber("seq").longValue();
        socket.await("a " + SYMBOL + " quote priced after " + after, FRESH_QUOTE_BOUND,
                f -> isQuoteOf(f, SYMBOL) && f.getJsonNumber("seq").longValue() > seqNow);
        assertTrue(socket.isOpen(), () -> "the bystander's session is still open after " + after);
    }

    @Override
    public void close() {
        socket.close();
    }
}
