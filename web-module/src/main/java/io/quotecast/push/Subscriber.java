package io.quotecast.push;

import io.quotecast.security.Entitlement;

/**
 * One open connection, whatever its transport: its id, what waits to be written to it, and the
 * instruments its caller may receive.
 */
public record Subscriber(String id, Outbox outbox, Entitlement entitlement) {
}
