package io.quotecast.push;

/** One open connection, whatever its transport: its id and what waits to be written to it. */
public record Subscriber(String id, Outbox outbox) {
}
