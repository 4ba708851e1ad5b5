package io.quotecast.protocol;

/** Encodes {@code welcome} frames. */
public class WelcomeEncoder extends JsonbEncoder<WelcomeMessage> {
}
