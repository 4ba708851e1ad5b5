package io.quotecast.it;

import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static io.quotecast.it.QuoteSocket.isType;

/** Many clients at once: each gets its own live stream, and each is forgotten when it leaves. */
public class ConcurrentSessionsIT extends DeployedEar {

    private static final int SESSIONS = 200;
    private static final int SYMBOLS_PER_SESSION = 3;
    private static final int CONNECTING_THREADS = 16;
    private static final Duration OPEN_BOUND = Duration.ofSeconds(120);
    private static final Duration FIRST_QUOTE_BOUND = Duration.ofSeconds(30);
    private static final Duration SESSION_COUNT_BOUND = Duration.ofSeconds(30);

    @Test
    void twoHundredConcurrentSessionsAllGetLiveQuotesAndAreAllReleasedWhenTheyClose() throws Exception {
        List<String> catalog = catalog();
        int baseline = openSessions();
        Queue<QuoteSocket> sockets = new ConcurrentLinkedQueue<>();
        ExecutorService connecting = Executors.newFixedThreadPool(CONNECTING_THREADS);
        try {
            List<Future<?>> subscriptions = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                String[] symbols = symbolsFor(i, catalog);
                subscriptions.add(connecting.submit(() -> {
                    QuoteSocket socket = QuoteSocket.openPastWelcome();
                    sockets.add(socket);
                    socket.subscribe(symbols);
                    return null;
                }));
            }
            awaitAll(subscriptions);
            Await.until(SESSIONS + " more open sessions in /api/stats than the " + baseline + " before",
                    SESSION_COUNT_BOUND, () -> openSessions() == baseline + SESSIONS);

            long deadline = System.nanoTime() + FIRST_QUOTE_BOUND.toNanos();
            int withQuote = 0;
            for (QuoteSocket socket : sockets) {
                Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1));
                JsonObject quote = socket.await("a live quote (" + withQuote + " of " + SESSIONS
                        + " sessions had one)", left, f -> isType(f, "quote"));
                QuoteShape.assertQuoteFrame(quote);
                withQuote++;
            }
        } finally {
            connecting.shutdownNow();
            sockets.forEach(QuoteSocket::close);
        }

        Await.until("/api/stats openSessions back to " + baseline + " after every session closed",
                SESSION_COUNT_BOUND, () -> openSessions() == baseline);
    }

    private static String[] symbolsFor(int session, List<String> catalog) {
        String[] symbols = new String[SYMBOLS_PER_SESSION];
        for (int k = 0; k < SYMBOLS_PER_SESSION; k++) {
            symbols[k] = catalog.get((session * SYMBOLS_PER_SESSION + k) % catalog.size());
        }
        return symbols;
    }

    private static void awaitAll(List<Future<?>> tasks) throws InterruptedException {
        long deadline = System.nanoTime() + OPEN_BOUND.toNanos();
        for (Future<?> task : tasks) {
            try {
                task.get(Math.max(deadline - System.nanoTime(), 1), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new AssertionFailedError("A session could not open and subscribe: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionFailedError(SESSIONS + " sessions not open and subscribed within "
                        + OPEN_BOUND.toSeconds() + " s");
            }
        }
    }

    private static List<String> catalog() {
        return JsonText.array(Api.get("/api/instruments").body()).getValuesAs(JsonObject.class).stream()
                .map(i -> i.getString("symbol"))
                .toList();
    }

    private static int openSessions() {
        return Api.stats().getInt("openSessions");
    }
}
