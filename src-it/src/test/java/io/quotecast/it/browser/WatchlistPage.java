package io.quotecast.it.browser;

import io.quotecast.it.Await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.opentest4j.AssertionFailedError;

/**
 * The watchlist page as a user sees it, read from the DOM: the connection indicator
 * ({@code #connection[data-state][data-transport]}) and one row per symbol
 * ({@code tr[data-symbol][data-seq]}, class {@code stale} while disconnected).
 */
final class WatchlistPage {

    private final ChromeDriver driver;

    WatchlistPage(ChromeDriver driver) {
        this.driver = driver;
    }

    void open(URI page) {
        driver.get(page.toString());
    }

    String state() {
        return driver.findElement(By.id("connection")).getAttribute("data-state");
    }

    String transport() {
        return driver.findElement(By.id("connection")).getAttribute("data-transport");
    }

    String connectionText() {
        return driver.findElement(By.id("connection-text")).getText();
    }

    /** The seq each row shows, for the rows that show a price. */
    @SuppressWarnings("unchecked")
    Map<String, Long> seqs() {
        Object result = driver.executeScript(
                "const seqs = {};"
                        + "document.querySelectorAll('#watchlist tbody tr[data-seq]')"
                        + ".forEach(tr => { seqs[tr.dataset.symbol] = Number(tr.dataset.seq); });"
                        + "return seqs;");
        Map<String, Long> seqs = new HashMap<>();
        ((Map<String, Object>) result).forEach((symbol, seq) -> seqs.put(symbol, ((Number) seq).longValue()));
        return seqs;
    }

    String price(String symbol) {
        return driver.findElement(By.cssSelector("tr[data-symbol='" + symbol + "'] td.price")).getText();
    }

    List<String> staleSymbols() {
        return driver.findElements(By.cssSelector("#watchlist tbody tr.stale")).stream()
                .map(tr -> tr.getAttribute("data-symbol")).toList();
    }

    /** Waits until the indicator says live over {@code transport}. */
    void awaitLive(String transport, Duration bound) {
        await("live over " + transport, bound, d -> "live".equals(state()) && transport.equals(transport()));
    }

    /** Waits until some row shows a price, and returns every row's seq at that moment. */
    Map<String, Long> awaitPrices(Duration bound) {
        return await("a price in the watchlist", bound, d -> {
            Map<String, Long> seqs = seqs();
            return seqs.isEmpty() ? null : seqs;
        });
    }

    /** Waits until some row shows a newer seq than in {@code before}: prices are moving. */
    Map<String, Long> awaitNewerThan(Map<String, Long> before, Duration bound) {
        return await("a price newer than " + before, bound, d -> {
            Map<String, Long> now = seqs();
            boolean moved = now.entrySet().stream()
                    .anyMatch(e -> e.getValue() > before.getOrDefault(e.getKey(), Long.MAX_VALUE));
            return moved ? now : null;
        });
    }

    /** Waits until the selected symbol's chart has at least {@code points} prices to draw. */
    void awaitChartPoints(int points, Duration bound) {
        await(points + " prices in the chart", bound, d -> {
            String drawn = driver.findElement(By.id("detail")).getAttribute("data-points");
            return drawn != null && Integer.parseInt(drawn) >= points;
        });
    }

    /**
     * Starts recording, in the page, every connection state shown and whether any row was ever
     * marked stale, so that a state that lasts less than a poll interval is still seen.
     */
    void recordChanges() {
        driver.executeScript(
                "window.__states = [document.getElementById('connection').dataset.state];"
                        + "window.__sawStale = false;"
                        + "new MutationObserver(() => {"
                        + "  const s = document.getElementById('connection').dataset.state;"
                        + "  if (window.__states[window.__states.length - 1] !== s) window.__states.push(s);"
                        + "  if (document.querySelector('#watchlist tbody tr.stale')) window.__sawStale = true;"
                        + "}).observe(document.body, {subtree: true, attributes: true, attributeFilter: ['class', 'data-state']});");
    }

    /** Waits until the indicator, recorded since {@link #recordChanges}, has shown anything but live. */
    void awaitLeftLive(Duration bound) {
        await("the connection to be lost", bound, d -> recordedStates().stream().anyMatch(s -> !"live".equals(s)));
    }

    @SuppressWarnings("unchecked")
    List<String> recordedStates() {
        return (List<String>) driver.executeScript("return window.__states;");
    }

    boolean sawStale() {
        return Boolean.TRUE.equals(driver.executeScript("return window.__sawStale;"));
    }

    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Saves what the browser shows now as a PNG. */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save a screenshot to " + file, e);
        }
    }

    WebElement element(By by) {
        return driver.findElement(by);
    }

    /**
     * Waits, with the ITs' bounded {@link Await}, until {@code condition} gives a value other than null or false;
     * on timeout the failure also says what the page showed. A page between two documents is not a failure.
     */
    private <T> T await(String what, Duration bound, Function<WebDriver, T> condition) {
        try {
            return Await.value(what, bound, () -> {
                T value = condition.apply(driver);
                return value == null || Boolean.FALSE.equals(value) ? Optional.<T>empty() : Optional.of(value);
            });
        } catch (AssertionFailedError e) {
            throw new AssertionFailedError(e.getMessage() + "; the page shows: " + connectionText() + " (state "
                    + state() + ", transport " + transport() + "), rows " + seqs(), e);
        }
    }
}
