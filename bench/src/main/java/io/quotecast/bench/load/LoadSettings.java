package io.quotecast.bench.load;

import java.net.URI;
import java.time.Duration;

/**
 * What the load generator does: how many clients against which WebSocket, each subscribed to how
 * many symbols (and at what {@code maxRate}, 0 for none, and whether {@code batch}ed), from how many loopback source addresses
 * ({@code 127.0.0.<firstAddress>} onwards, round robin: each address has its own ephemeral ports,
 * and servers that cap sessions per address see a share each), on how many event-loop threads.
 */
public record LoadSettings(URI uri, int connections, int symbolsPerClient, int maxRate, boolean batch,
                           int sourceAddresses, int firstAddress, int threads, int handshakesInFlight,
                           Duration connectTimeout) {

    public LoadSettings {
        if (connections < 1 || symbolsPerClient < 1 || sourceAddresses < 1 || threads < 1 || handshakesInFlight < 1
                || maxRate < 0 || firstAddress < 1 || firstAddress + sourceAddresses > 255) {
            throw new IllegalArgumentException("Invalid load settings: " + this);
        }
    }

    public static LoadSettings of(URI uri, int connections) {
        return new LoadSettings(uri, connections, 10, 0, false, 100, 2, 1, 500, Duration.ofSeconds(120));
    }

    public LoadSettings withMaxRate(int perSecond) {
        return new LoadSettings(uri, connections, symbolsPerClient, perSecond, batch, sourceAddresses, firstAddress,
                threads, handshakesInFlight, connectTimeout);
    }

    /** Subscribes with {@code "batch":true}: quotes ready together come in one {@code quotes} message. */
    public LoadSettings withBatch(boolean batched) {
        return new LoadSettings(uri, connections, symbolsPerClient, maxRate, batched, sourceAddresses, firstAddress,
                threads, handshakesInFlight, connectTimeout);
    }

    public LoadSettings withThreads(int count) {
        return new LoadSettings(uri, connections, symbolsPerClient, maxRate, batch, sourceAddresses, firstAddress,
                count, handshakesInFlight, connectTimeout);
    }
}
