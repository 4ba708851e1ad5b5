package io.quotecast.publisher;

/** Where prices go: the broker's topic, or a list in tests. */
public interface PriceSink extends AutoCloseable {

    /** Sends one feed message holding one price; a {@link RuntimeException} means it was not sent. */
    void send(String symbol, String json);

    /**
     * Sends one feed message holding several prices (a JSON array, README "The feed contract");
     * a {@link RuntimeException} means none of them was sent.
     */
    void sendAll(String json);

    /**
     * Sends one price straight to the last-value queue that starting nodes read their snapshot
     * from, and nowhere else; a {@link RuntimeException} means it was not sent. A message of
     * several prices cannot be kept per symbol there, so a batching feed copies each symbol's newest
     * price this way.
     */
    void sendToSnapshot(String symbol, String json);

    @Override
    void close();
}
