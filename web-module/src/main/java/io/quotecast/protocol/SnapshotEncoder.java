package io.quotecast.protocol;

/** Encodes {@code snapshot} frames. */
public class SnapshotEncoder extends JsonbEncoder<SnapshotMessage> {
}
