package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

/** One update's frame encoded once per I/O thread, each write reading it from the start. */
class FrameBytesTest {

    private static String text(ByteBuffer bytes) {
        return StandardCharsets.UTF_8.decode(bytes).toString();
    }

    @Test
    void everyWriteOfTheSameFrameReadsAllOfItWhateverTheOthersRead() {
        FrameBytes frames = new FrameBytes(Thread.currentThread());
        String frame = "{\"type\":\"quote\",\"symbol\":\"ÄBC\",\"price\":\"1.5\"}";
        ByteBuffer first = frames.of(frame);
        ByteBuffer second = frames.of(frame);

        assertEquals(frame, text(first));
        assertEquals(0, first.remaining());
        assertEquals(frame, text(second), "the first write's reading did not move the second's position");
        assertEquals(frame.getBytes(StandardCharsets.UTF_8).length, frames.of(frame).remaining());
    }

    @Test
    void aNewFrameIsEncodedAnewEvenWhenEqualToTheLast() {
        FrameBytes frames = new FrameBytes(Thread.currentThread());
        assertEquals("{\"a\":1}", text(frames.of("{\"a\":1}")));
        assertEquals("{\"b\":2}", text(frames.of("{\"b\":2}")));
        assertEquals("{\"a\":1}", text(frames.of(new String("{\"a\":1}"))));
    }

    @Test
    void anotherThreadGetsItsOwnCopyAndLeavesTheOwnersAlone() throws InterruptedException, ExecutionException {
        FrameBytes frames = new FrameBytes(Thread.currentThread());
        String frame = "{\"type\":\"pong\"}";
        ByteBuffer owners = frames.of(frame);

        ByteBuffer others = CompletableFuture.supplyAsync(() -> frames.of(frame)).get();

        assertEquals(frame, text(others));
        assertNotSame(owners.array(), others.array(), "a thread that does not own the cache encodes its own copy");
        assertEquals(frame, text(owners));
    }

    @Test
    void withoutAnOwnerEveryCallEncodes() {
        FrameBytes frames = new FrameBytes(null);
        String frame = "{\"type\":\"quote\"}";
        assertNotSame(frames.of(frame).array(), frames.of(frame).array());
    }
}
