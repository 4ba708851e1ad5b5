package io.quotecast.protocol;

/** Encodes {@code quote} frames, once per update whatever the number of subscribers. */
public class QuoteEncoder extends JsonbEncoder<QuoteMessage> {
}
