package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

/** One update's frame encoded once per I/O thread, each write reading it from the start. */
class FrameBytesTest {

    /** A quote's frame with a character that takes two bytes in UTF-8. */
    private static final String QUOTE = "{\"type\":\"quote\",\"symbol\":\"ÄBC\",\"price\":\"1.5\"}";

    private static String text(ByteBuffer bytes) {
        return StandardCharsets.UTF_8.decode(bytes).toString();
    }

    @Test
    void everyWriteOfTheSameFrameReadsAllOfItWhateverTheOthersRead() {
        FrameBytes frames = new FrameBytes(Thread.currentThread());
        String frame = QUOTE;
        ByteBuffer first = frames.payload(frame);
        ByteBuffer second = frames.payload(frame);

        assertEquals(frame, text(first));
        assertEquals(0, first.remaining());
        assertEquals(frame, text(second), "the first write's reading did not move the second's position");
        assertEquals(frame.getBytes(StandardCharsets.UTF_8).length, frames.payload(frame).remaining());
    }

    @Test
    void aNewFrameIsEncodedAnewEvenWhenEqualToTheLast() {
        FrameBytes frames = new FrameBytes(Thread.currentThread());
        assertEquals("{\"a\":1}", text(frames.payload("{\"a\":1}")));
        assertEquals("{\"b\":2}", text(frames.payload("{\"b\":2}")));
        assertEquals("{\"a\":1}", text(frames.payload(new String("{\"a\":1}"))));
    }

    @Test
    void anotherThreadGetsItsOwnCopyAndLeavesTheOwnersAlone() throws InterruptedException, ExecutionException {
        FrameBytes frames = new FrameBytes(Thread.currentThread());
        String frame = "{\"type\":\"pong\"}";
        ByteBuffer owners = frames.payload(frame);

        ByteBuffer others = CompletableFuture.supplyAsync(() -> frames.payload(frame)).get();

        assertEquals(frame, text(others));
        assertNotSame(owners.array(), others.array(), "a thread that does not own the cache encodes its own copy");
        assertEquals(frame, text(owners));
    }

    @Test
    void withoutAnOwnerEveryCallEncodes() {
        FrameBytes frames = new FrameBytes(null);
        String frame = "{\"type\":\"quote\"}";
        assertNotSame(frames.payload(frame).array(), frames.payload(frame).array());
    }

    @Test
    void theWireFrameIsAnUnmaskedFinalTextFrameWithTheShortestLengthTheRfcAllows() {
        FrameBytes frames = new FrameBytes(Thread.currentThread());
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 70_000}) {
            String payload = "x".repeat(length);
            ByteBuffer wire = frames.wire(payload);

            assertEquals(0x81, wire.get() & 0xFF, "FIN and the text opcode, no reserved bits, length " + length);
            int first = wire.get() & 0xFF;
            assertEquals(0, first & 0x80, "a server's frames are not masked");
            long declared = first & 0x7F;
            if (declared == 126) {
                declared = wire.getShort() & 0xFFFF;
                assertTrue(length > 125, "16 bits only where 7 do not fit");
            } else if (declared == 127) {
                declared = wire.getLong();
                assertTrue(length > 0xFFFF, "64 bits only where 16 do not fit");
            }
            assertEquals(length, declared);
            assertEquals(payload, text(wire));
            assertEquals(payload, text(frames.payload(payload)), "the payload of the same encoding");
        }
    }

    @Test
    void everyWriteOfTheSameWireFrameStartsAtItsHeader() {
        FrameBytes frames = new FrameBytes(Thread.currentThread());
        String frame = "{\"type\":\"quote\",\"symbol\":\"ÄBC\"}";
        ByteBuffer first = frames.wire(frame);
        first.position(first.limit());
        ByteBuffer second = frames.wire(frame);

        assertEquals(2 + frame.getBytes(StandardCharsets.UTF_8).length, second.remaining());
        assertEquals(0x81, second.get(0) & 0xFF);
        ByteBuffer third = frames.wire(frame);
        third.put(0, (byte) 0);
        assertEquals(0, second.get(0), "encoded once on the owning thread: the writes share the bytes");
    }

    @Test
    void aFrameWrittenAgainGoesOutFromOutsideTheHeapWithTheSameBytes() {
        FrameBytes frames = new FrameBytes(Thread.currentThread());
        String frame = QUOTE;
        ByteBuffer once = frames.wire(frame);
        ByteBuffer again = frames.wire(frame);

        assertFalse(once.isDirect(), "a frame written once is not copied");
        assertTrue(again.isDirect(), "the JDK writes a direct buffer without copying it first");
        assertEquals(once, again, "the same frame, header and payload");
        assertEquals(frame, text(frames.payload(frame)));
        assertTrue(frames.wire("{\"other\":1}").hasArray(), "the next update starts on the heap again");
    }
}
