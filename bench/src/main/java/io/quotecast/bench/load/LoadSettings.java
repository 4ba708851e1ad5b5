package io.quotecast.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What the load generator does: how many clients against which WebSocket, each subscribed to how
 * many symbols (and at what {@code maxRate}, 0 for none, and whether {@code batch}ed), from how many loopback source addresses
 * ({@code 127.0.0.<firstAddress>} onwards, round robin: each address has its own ephemeral ports,
 * and servers that cap sessions per address see a share each), on how many event-loop threads,
 * and how each thread waits for frames ({@code readPoll}: {@link PollingSelectStrategy}; zero, as
 * Netty does by default, woken by the kernel as each frame arrives). Clients choose their symbols
 * from {@code symbols}, or from the server's list in its {@code welcome} where that is empty.
 */
public record LoadSettings(URI uri, int connections, int symbolsPerClient, int maxRate, boolean batch,
                           int sourceAddresses, int firstAddress, int threads, int handshakesInFlight,
                           Duration connectTimeout, Duration readPoll, List<String> symbols) {

    public LoadSettings {
        symbols = List.copyOf(symbols);
        if (connections < 1 || symbolsPerClient < 1 || sourceAddresses < 1 || threads < 1 || handshakesInFlight < 1
                || maxRate < 0 || firstAddress < 1 || firstAddress + sourceAddresses > 255 || readPoll.isNegative()) {
            throw new IllegalArgumentException("Invalid load settings: " + this);
        }
    }

    /** Without {@code readPoll}: woken as each frame arrives. */
    public LoadSettings(URI uri, int connections, int symbolsPerClient, int maxRate, boolean batch,
                        int sourceAddresses, int firstAddress, int threads, int handshakesInFlight,
                        Duration connectTimeout) {
        this(uri, connections, symbolsPerClient, maxRate, batch, sourceAddresses, firstAddress, threads,
                handshakesInFlight, connectTimeout, Duration.ZERO, List.of());
    }

    public static LoadSettings of(URI uri, int connections) {
        return new LoadSettings(uri, connections, 10, 0, false, 100, 2, 1, 500, openBudget(connections));
    }

    /**
     * How long {@link LoadGenerator#open} may take: 10 ms a client, and at least 120 s. A
     * server saturated by the quotes of the clients already open (19,000 at 5 quotes/s is past
     * A's throughput) spent 6.6 to 8.1 ms of its core on each new one (session 22), so 19,000 did
     * not all open within 120 s, and the memory a client takes was measured at fewer clients.
     */
    static Duration openBudget(int connections) {
        return Duration.ofSeconds(Math.max(120, connections / 100));
    }

    /** Reads what has arrived every {@code interval} at most, instead of being woken per frame (zero). */
    public LoadSettings withReadPoll(Duration interval) {
        return new LoadSettings(uri, connections, symbolsPerClient, maxRate, batch, sourceAddresses, firstAddress,
                threads, handshakesInFlight, connectTimeout, interval, symbols);
    }

    public LoadSettings withMaxRate(int perSecond) {
        return new LoadSettings(uri, connections, symbolsPerClient, perSecond, batch, sourceAddresses, firstAddress,
                threads, handshakesInFlight, connectTimeout, readPoll, symbols);
    }

    /** Subscribes with {@code "batch":true}: quotes ready together come in one {@code quotes} message. */
    public LoadSettings withBatch(boolean batched) {
        return new LoadSettings(uri, connections, symbolsPerClient, maxRate, batched, sourceAddresses, firstAddress,
                threads, handshakesInFlight, connectTimeout, readPoll, symbols);
    }

    public LoadSettings withThreads(int count) {
        return new LoadSettings(uri, connections, symbolsPerClient, maxRate, batch, sourceAddresses, firstAddress,
                count, handshakesInFlight, connectTimeout, readPoll, symbols);
    }

    /** Clients choose their symbols from these rather than from the server's list. */
    public LoadSettings withSymbols(List<String> chosenFrom) {
        return new LoadSettings(uri, connections, symbolsPerClient, maxRate, batch, sourceAddresses, firstAddress,
                threads, handshakesInFlight, connectTimeout, readPoll, chosenFrom);
    }
}
