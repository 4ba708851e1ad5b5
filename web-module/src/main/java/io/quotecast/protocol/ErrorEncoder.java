package io.quotecast.protocol;

/** Encodes {@code error} frames. */
public class ErrorEncoder extends JsonbEncoder<ErrorMessage> {
}
