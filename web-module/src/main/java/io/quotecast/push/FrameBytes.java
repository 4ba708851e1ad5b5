package io.quotecast.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of the text frames written on one container I/O thread, encoded once per frame
 * rather than once per session. The fan-out hands one update's frame, one {@code String}, to every
 * subscriber on the thread in a row ({@link LaneBatch}), so remembering the last frame encoded
 * there is enough: each write gets its own read position over the shared bytes, which nobody
 * writes (a server's frames are not masked). Only the thread it belongs to uses the memory;
 * writes from any other thread (replies from the message thread, the pacer's tick) encode their
 * own copy, as before.
 */
final class FrameBytes {

    private final Thread owner;
    private String lastFrame;
    private ByteBuffer lastBytes;

    /** {@code owner}: the one thread that may reuse encodings; null: none does. */
    FrameBytes(Thread owner) {
        this.owner = owner;
    }

    /** {@code frame} in UTF-8, positioned at its start, for one write. */
    ByteBuffer of(String frame) {
        if (Thread.currentThread() != owner) {
            return encode(frame);
        }
        // Identity, not equals: the same update's frame is the same instance for every subscriber.
        if (frame != lastFrame) {
            lastBytes = encode(frame);
            lastFrame = frame;
        }
        return lastBytes.duplicate();
    }

    private static ByteBuffer encode(String frame) {
        return ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8));
    }
}
