package io.quotecast.protocol;

/** Encodes {@code pong} frames. */
public class PongEncoder extends JsonbEncoder<PongMessage> {
}
