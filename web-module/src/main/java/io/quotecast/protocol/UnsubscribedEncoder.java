package io.quotecast.protocol;

/** Encodes {@code unsubscribed} frames. */
public class UnsubscribedEncoder extends JsonbEncoder<UnsubscribedMessage> {
}
