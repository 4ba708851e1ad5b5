package io.quotecast.it.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quotecast.it.DeployedEar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page in a real headless Chromium against the deployed EAR: live prices on every
 * transport, recovery from a server-side close, and the stale marker. Runs on WildFly only
 * (one server is enough for a browser test; the transports are tested on both by StreamIT
 * and PollIT). Timings are printed as {@code [browser] ...} lines.
 */
@EnabledIfSystemProperty(named = "quotecast.it.server", matches = "wildfly")
public class PageIT extends DeployedEar {

    /** The promises: prices within 5 s of load, live again within 10 s of a disconnect. */
    private static final Duration FIRST_PRICE = Duration.ofSeconds(5);
    private static final Duration BACK_LIVE = Duration.ofSeconds(10);
    /** The simulated feed moves every symbol about once a second; a generous bound for "keeps updating". */
    private static final Duration MOVING = Duration.ofSeconds(15);

    /** Keeps every WebSocket the page opens, so the test can make the server close one. */
    private static final String RECORD_SOCKETS = """
            (() => {
              const Native = window.WebSocket;
              const sockets = [];
              window.__sockets = sockets;
              function Recorded(...args) { const ws = new Native(...args); sockets.push(ws); return ws; }
              Recorded.prototype = Native.prototype;
              Object.assign(Recorded, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
              window.WebSocket = Recorded;
            })();""";
    private static final String NO_WEBSOCKET = "delete window.WebSocket;";
    private static final String NO_EVENTSOURCE = "delete window.EventSource;";

    private Chromium chromium;
    private WatchlistPage page;

    @BeforeEach
    void pageIsWarm() throws InterruptedException {
        Server.warmUp();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void showsMovingPricesOverWebSocketWithinFiveSecondsOfLoading() {
        Map<String, Long> first = openAndTime("websocket", null);
        page.awaitNewerThan(first, MOVING);

        // Enough history for the charts to show something, then what a user sees.
        page.awaitChartPoints(20, Duration.ofSeconds(60));
        page.screenshot(screenshots().resolve("quotecast-live.png"));
        assertTrue(page.staleSymbols().isEmpty(), () -> "no stale rows while live: " + page.staleSymbols());
    }

    @Test
    void runsOnServerSentEventsWhenThePageHasNoWebSocket() {
        Map<String, Long> first = openAndTime("sse", NO_WEBSOCKET);
        assertEquals("undefined", page.script("return typeof WebSocket;"));
        page.awaitNewerThan(first, MOVING);
        page.screenshot(screenshots().resolve("quotecast-sse.png"));
    }

    @Test
    void runsOnLongPollingWhenThePageHasNeitherWebSocketNorEventSource() {
        Map<String, Long> first = openAndTime("polling", NO_WEBSOCKET + NO_EVENTSOURCE);
        assertEquals("undefined", page.script("return typeof EventSource;"));
        Map<String, Long> later = page.awaitNewerThan(first, MOVING);
        page.awaitNewerThan(later, MOVING);
        page.screenshot(screenshots().resolve("quotecast-polling.png"));
    }

    @Test
    void afterTheServerClosesTheSocketReconnectsMarksRowsStaleMeanwhileAndKeepsUpdating() {
        openAndTime("websocket", RECORD_SOCKETS);
        page.recordChanges();
        Map<String, Long> before = page.seqs();

        // A message over the server's size limit: the server closes the session with 1009.
        long closedAt = System.nanoTime();
        page.script("window.__sockets.filter(ws => ws.readyState === 1).forEach(ws => ws.send('x'.repeat(70000)));");
        page.awaitLeftLive(BACK_LIVE);
        page.awaitLive("websocket", BACK_LIVE);
        long liveAfterMillis = (System.nanoTime() - closedAt) / 1_000_000;
        Map<String, Long> after = page.awaitNewerThan(before, MOVING);
        log("live again over websocket " + liveAfterMillis + " ms after the server closed the socket; states seen: "
                + page.recordedStates());

        assertTrue(liveAfterMillis <= BACK_LIVE.toMillis(), () -> "live again after " + liveAfterMillis + " ms");
        assertTrue(((Number) page.script("return window.__sockets.length;")).intValue() >= 2, "a new socket was opened");
        assertTrue(page.sawStale(), "rows were marked stale while disconnected");
        assertTrue(page.staleSymbols().isEmpty(), () -> "stale marks cleared once live: " + page.staleSymbols());
        assertTrue(!after.isEmpty());
    }

    /** Opens the page and waits for a price over {@code transport}; returns the rows' seqs then. */
    private Map<String, Long> openAndTime(String transport, String initScript) {
        chromium = Chromium.start(initScript);
        page = new WatchlistPage(chromium.driver);
        long start = System.nanoTime();
        page.open(Server.page());
        Map<String, Long> first = page.awaitPrices(FIRST_PRICE.minusNanos(System.nanoTime() - start));
        long firstPriceMillis = (System.nanoTime() - start) / 1_000_000;
        page.awaitLive(transport, Duration.ofSeconds(1));
        log("first price over " + transport + " " + firstPriceMillis + " ms after navigation started");
        assertTrue(firstPriceMillis <= FIRST_PRICE.toMillis(), () -> "first price after " + firstPriceMillis + " ms");
        return first;
    }

    private static Path screenshots() {
        return Path.of(System.getProperty("quotecast.it.screenshots", "target/screenshots"));
    }

    private static void log(String line) {
        System.out.println("[browser] " + line);
    }
}
