package io.quotecast.it.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.quotecast.it.Identity;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both at explicit paths so
 * that Selenium never looks for (or downloads) a browser or driver of its own. A fresh profile
 * per browser; {@code .ci/install-chromium.sh} installs both packages on a CI machine.
 *
 * <p>Paths: {@code quotecast.it.chromium} (default {@code /usr/bin/chromium}) and
 * {@code quotecast.it.chromedriver} (default {@code /usr/bin/chromedriver}).
 */
final class Chromium implements AutoCloseable {

    private static final List<String> FLAGS = List.of(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,1000");

    /**
     * Selenium warns on every start that it has no CDP bindings for this Chromium version; the
     * one CDP command used here goes through chromedriver and needs none. Held so it stays set.
     */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(Level.SEVERE);
    }

    final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts a browser. {@code initScript}, when not null, runs in every page before the page's
     * own scripts (to take away {@code WebSocket}, say).
     */
    static Chromium start(String initScript) {
        File browser = executable("quotecast.it.chromium", "/usr/bin/chromium");
        File driverBinary = executable("quotecast.it.chromedriver", "/usr/bin/chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("quotecast-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverBinary)
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        // A user who has logged in: the browser sends the credentials with every request of the
        // page (the WebSocket handshake, EventSource and fetch included), as after Basic's prompt.
        Identity.CLIENT.authorization().ifPresent(value -> {
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", value)));
        });
        if (initScript != null) {
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", initScript));
        }
        return new Chromium(driver, profile);
    }

    private static File executable(String property, String fallback) {
        File file = new File(System.getProperty(property, fallback));
        if (!file.canExecute()) {
            throw new IllegalStateException(file + " is missing (system property " + property + "): install Debian's "
                    + "chromium and chromium-driver, e.g. with .ci/install-chromium.sh (run by mvn verify in src-it/wildfly)");
        }
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // A leftover temporary profile is harmless.
            }
        }
    }
}
