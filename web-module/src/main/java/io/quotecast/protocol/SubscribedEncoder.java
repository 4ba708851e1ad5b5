package io.quotecast.protocol;

/** Encodes {@code subscribed} frames. */
public class SubscribedEncoder extends JsonbEncoder<SubscribedMessage> {
}
