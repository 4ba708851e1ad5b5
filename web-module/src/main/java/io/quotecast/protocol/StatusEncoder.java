package io.quotecast.protocol;

/** Encodes {@code status} frames. */
public class StatusEncoder extends JsonbEncoder<StatusMessage> {
}
