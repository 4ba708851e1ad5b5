package io.quotecast.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of the text frames written on one container I/O thread, encoded once per frame
 * rather than once per session: the whole WebSocket frame, header included
 * ({@link #wire}, for {@link DirectFrameConduit}), and its payload alone ({@link #payload}, for
 * Undertow's own API). The fan-out hands one update's frame, one {@code String}, to every
 * subscriber on the thread in a row ({@link LaneBatch}), so remembering the last frame encoded
 * there is enough: each write gets its own read position over the shared bytes, which nobody
 * writes (a server's frames are not masked, so they are the same for every client). Only the
 * thread it belongs to uses the memory; writes from any other thread (replies from the message
 * thread, the pacer's tick) encode their own copy.
 */
final class FrameBytes {

    /** FIN and the text opcode: a whole text message in one frame. */
    private static final int FIN_TEXT = 0x81;

    private final Thread owner;
    private String lastFrame;
    private ByteBuffer lastWire;

    /** {@code owner}: the one thread that may reuse encodings; null: none does. */
    FrameBytes(Thread owner) {
        this.owner = owner;
    }

    /** {@code frame} as one unmasked WebSocket text frame, header and payload, for one write. */
    ByteBuffer wire(String frame) {
        return encoded(frame).duplicate();
    }

    /** {@code frame} in UTF-8, positioned at its start, for one write. */
    ByteBuffer payload(String frame) {
        ByteBuffer wire = encoded(frame);
        int header = headerLength(wire.remaining());
        return wire.slice(header, wire.remaining() - header);
    }

    private ByteBuffer encoded(String frame) {
        if (Thread.currentThread() != owner) {
            return encode(frame);
        }
        // Identity, not equals: the same update's frame is the same instance for every subscriber.
        if (frame != lastFrame) {
            lastWire = encode(frame);
            lastFrame = frame;
        } else if (!lastWire.isDirect()) {
            // Asked for twice, so more subscribers follow: a copy outside the heap, which the
            // JDK hands to the kernel as it is, where it copies a heap buffer into a temporary
            // one on every write first (a fifth of the I/O threads' Java time at 10,000 clients,
            // docs/benchmarks.md). A frame written once (a batch of one session's) stays as it is.
            lastWire = ByteBuffer.allocateDirect(lastWire.remaining()).put(lastWire.duplicate()).flip();
        }
        return lastWire;
    }

    /** RFC 6455, 5.2: the length in 7 bits, or 126 and 16 bits, or 127 and 64 bits. */
    static ByteBuffer encode(String frame) {
        byte[] payload = frame.getBytes(StandardCharsets.UTF_8);
        int length = payload.length;
        ByteBuffer wire = ByteBuffer.allocate(lengthHeader(length) + length);
        wire.put((byte) FIN_TEXT);
        if (length <= 125) {
            wire.put((byte) length);
        } else if (length <= 0xFFFF) {
            wire.put((byte) 126).putShort((short) length);
        } else {
            wire.put((byte) 127).putLong(length);
        }
        return wire.put(payload).flip();
    }

    private static int lengthHeader(int payloadLength) {
        return payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    /** The header's length in a whole frame of {@code wireLength} bytes. */
    private static int headerLength(int wireLength) {
        return wireLength <= 125 + 2 ? 2 : wireLength <= 0xFFFF + 4 ? 4 : 10;
    }
}
