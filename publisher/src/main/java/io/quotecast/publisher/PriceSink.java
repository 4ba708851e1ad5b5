package io.quotecast.publisher;

/** Where prices go: the broker's topic, or a list in tests. */
public interface PriceSink extends AutoCloseable {

    /** Sends one feed message; a {@link RuntimeException} means it was not sent. */
    void send(String symbol, String json);

    @Override
    void close();
}
