package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class OutboxTest {

    /** Records every frame; sends complete only when the test says so, unless {@code synchronous}. */
    static final class FakeTransport implements Outbox.Transport {
        final List<String> frames = new ArrayList<>();
        final Deque<SendHandler> inFlight = new ArrayDeque<>();
        final List<CloseReason> closes = new ArrayList<>();
        boolean synchronous;
        RuntimeException throwOnSend;

        @Override
        public void send(String frame, SendHandler done) {
            if (throwOnSend != null) {
                throw throwOnSend;
            }
            frames.add(frame);
            if (synchronous) {
                done.onResult(new SendResult());
            } else {
                inFlight.add(done);
            }
        }

        @Override
        public void close(CloseReason reason) {
            closes.add(reason);
        }

        void complete() {
            assertEquals(1, inFlight.size(), "exactly one frame in flight");
            inFlight.poll().onResult(new SendResult());
        }

        void fail() {
            assertEquals(1, inFlight.size(), "exactly one frame in flight");
            inFlight.poll().onResult(new SendResult(new IOException("connection reset")));
        }

        /** Completes sends until nothing is in flight. */
        void drain() {
            while (!inFlight.isEmpty()) {
                complete();
            }
        }
    }

    private static final int MAX_REPLIES = 8;

    private final FakeTransport transport = new FakeTransport();
    private final PushStats stats = new PushStats();
    private final Outbox outbox = new Outbox(transport, MAX_REPLIES, stats);

    /** Subscribes as ClientRequests does, with no snapshot, and forgets the confirmation frame. */
    private void subscribed(String... symbols) {
        List<String> list = List.of(symbols);
        outbox.hold(list);
        outbox.release(list, Map.of(), List.of("subscribed"));
        transport.drain();
        transport.frames.clear();
    }

    private static String quote(String symbol, long seq) {
        return symbol + ":" + seq;
    }

    private void offer(String symbol, long seq) {
        outbox.offerQuote(symbol, seq, quote(symbol, seq));
    }

    // Order and flow

    @Test
    void aFrameIsSentAtOnceWhenNothingIsInFlight() {
        subscribed("AAPL");

        offer("AAPL", 1);

        assertEquals(List.of("AAPL:1"), transport.frames);
    }

    @Test
    void onlyOneFrameIsInFlightAtATime() {
        subscribed("AAPL");

        outbox.offerReply("r1");
        outbox.offerReply("r2");
        offer("AAPL", 1);

        assertEquals(List.of("r1"), transport.frames);
        transport.complete();
        assertEquals(List.of("r1", "r2"), transport.frames);
        transport.complete();
        assertEquals(List.of("r1", "r2", "AAPL:1"), transport.frames);
        transport.complete();
        assertTrue(transport.inFlight.isEmpty());
    }

    @Test
    void repliesOvertakeQueuedQuotes() {
        subscribed("AAPL", "MSFT");
        outbox.offerReply("r1");
        offer("AAPL", 1);
        offer("MSFT", 1);
        outbox.offerReply("r2");
        outbox.offerReply("r3");

        transport.drain();

        assertEquals(List.of("r1", "r2", "r3", "AAPL:1", "MSFT:1"), transport.frames);
    }

    @Test
    void countsEveryFrameWritten() {
        subscribed("AAPL");
        long before = stats.messagesPushed();
        outbox.offerReply("r1");
        offer("AAPL", 1);

        transport.drain();

        assertEquals(before + 2, stats.messagesPushed());
    }

    @Test
    void sendingResumesAfterTheQueueRanDry() {
        subscribed("AAPL");
        offer("AAPL", 1);
        transport.complete();

        offer("AAPL", 2);

        assertEquals(List.of("AAPL:1", "AAPL:2"), transport.frames);
    }

    // Conflation and seq

    @Test
    void newerQuoteReplacesAnUnsentOlderOneOfTheSameSymbolAndIsCounted() {
        subscribed("AAPL", "MSFT");
        outbox.offerReply("r1");
        offer("AAPL", 1);
        offer("MSFT", 1);
        offer("AAPL", 2);
        offer("AAPL", 3);

        transport.drain();

        assertEquals(List.of("r1", "AAPL:3", "MSFT:1"), transport.frames);
        assertEquals(2, stats.quotesConflated());
    }

    @Test
    void aQuoteAlreadyInFlightIsNotConflated() {
        subscribed("AAPL");
        offer("AAPL", 1);
        offer("AAPL", 2);

        transport.drain();

        assertEquals(List.of("AAPL:1", "AAPL:2"), transport.frames);
        assertEquals(0, stats.quotesConflated());
    }

    @Test
    void seqOfASymbolNeverGoesBackwards() {
        subscribed("AAPL");
        offer("AAPL", 5);
        offer("AAPL", 4);
        offer("AAPL", 5);
        transport.drain();
        offer("AAPL", 3);
        offer("AAPL", 6);
        transport.drain();

        assertEquals(List.of("AAPL:5", "AAPL:6"), transport.frames);
    }

    @Test
    void quotesForSymbolsNotSubscribedAreIgnored() {
        subscribed("AAPL");

        offer("MSFT", 1);

        assertEquals(List.of(), transport.frames);
        assertEquals(Set.of("AAPL"), outbox.symbols());
    }

    // Subscribing: hold and release

    @Test
    void quotesOfAHeldSymbolWaitUntilRelease() {
        outbox.hold(List.of("AAPL"));
        offer("AAPL", 7);

        assertEquals(List.of(), transport.frames);

        outbox.release(List.of("AAPL"), Map.of("AAPL", 6L), List.of("subscribed", "snapshot"));
        transport.drain();
        assertEquals(List.of("subscribed", "snapshot", "AAPL:7"), transport.frames);
    }

    @Test
    void aQuoteHeldForASymbolWithoutSnapshotIsDeliveredAfterRelease() {
        outbox.hold(List.of("AAPL"));
        offer("AAPL", 1);

        outbox.release(List.of("AAPL"), Map.of(), List.of("subscribed", "snapshot"));
        transport.drain();

        assertEquals(List.of("subscribed", "snapshot", "AAPL:1"), transport.frames);
    }

    @Test
    void aHeldQuoteTheSnapshotAlreadyCoversIsDropped() {
        outbox.hold(List.of("AAPL"));
        offer("AAPL", 4);
        offer("AAPL", 5);

        outbox.release(List.of("AAPL"), Map.of("AAPL", 5L), List.of("subscribed", "snapshot"));
        transport.drain();

        assertEquals(List.of("subscribed", "snapshot"), transport.frames);
    }

    @Test
    void afterReleaseOnlyQuotesNewerThanTheSnapshotAreSent() {
        outbox.hold(List.of("AAPL"));
        outbox.release(List.of("AAPL"), Map.of("AAPL", 5L), List.of("subscribed", "snapshot"));
        offer("AAPL", 4);
        offer("AAPL", 5);
        offer("AAPL", 6);

        transport.drain();

        assertEquals(List.of("subscribed", "snapshot", "AAPL:6"), transport.frames);
    }

    @Test
    void holdingOneSymbolDoesNotHoldBackOthers() {
        subscribed("MSFT");
        outbox.hold(List.of("AAPL"));
        offer("AAPL", 1);
        offer("MSFT", 1);

        assertEquals(List.of("MSFT:1"), transport.frames);
    }

    @Test
    void resubscribingToASymbolNeverRepeatsOrRewindsItsSeq() {
        subscribed("AAPL");
        offer("AAPL", 3);
        transport.complete();

        outbox.hold(List.of("AAPL"));
        offer("AAPL", 4);
        outbox.release(List.of("AAPL"), Map.of("AAPL", 4L), List.of("subscribed", "snapshot"));
        offer("AAPL", 4);
        offer("AAPL", 5);
        transport.drain();

        assertEquals(List.of("AAPL:3", "subscribed", "snapshot", "AAPL:5"), transport.frames);
    }

    @Test
    void subscriptionCountAndSymbolsIncludeHeldSymbols() {
        subscribed("MSFT");
        outbox.hold(List.of("AAPL"));

        assertEquals(Set.of("AAPL", "MSFT"), outbox.symbols());
        assertEquals(2, outbox.subscriptionCount());
    }

    @Test
    void waitingQuotesLeaveInTheOrderTheirSymbolsFirstWaitedAndANewerOneKeepsItsPlace() {
        subscribed("AAPL", "MSFT", "IBM", "ORCL");
        outbox.offerReply("r1");
        offer("AAPL", 1);
        offer("MSFT", 1);
        offer("IBM", 1);
        offer("ORCL", 1);

        offer("AAPL", 2); // replaces AAPL:1 where it waits, not at the end
        outbox.stop(List.of("MSFT"), "unsubscribed"); // out of the middle of the queue
        offer("ORCL", 2); // the last one replaced
        transport.drain();
        outbox.offerReply("r2");
        offer("MSFT", 2); // unsubscribed: ignored
        offer("ORCL", 3); // each waits again in the order it comes now
        offer("IBM", 2);
        transport.drain();

        assertEquals(List.of("r1", "unsubscribed", "AAPL:2", "IBM:1", "ORCL:2", "r2", "ORCL:3", "IBM:2"),
                transport.frames);
        assertEquals(2, stats.quotesConflated(), "AAPL:1 and ORCL:1");
    }

    @Test
    void aReleaseAfterTheSymbolWasStoppedDoesNotSubscribeItAgain() {
        outbox.hold(List.of("AAPL", "MSFT"));
        outbox.stop(List.of("AAPL"), "unsubscribed");
        outbox.release(List.of("AAPL", "MSFT"), Map.of("AAPL", 3L, "MSFT", 5L), List.of("subscribed"));
        transport.drain();

        offer("AAPL", 4);
        offer("MSFT", 5);
        offer("MSFT", 6);

        assertEquals(Set.of("MSFT"), outbox.symbols());
        assertEquals(List.of("unsubscribed", "subscribed", "MSFT:6"), transport.frames);
    }

    // Unsubscribing: stop

    @Test
    void stopDropsPendingQuotesOfThoseSymbolsAndSendsNothingOfThemAfterTheConfirmation() {
        subscribed("AAPL", "MSFT");
        outbox.offerReply("r1");
        offer("AAPL", 1);
        offer("MSFT", 1);

        outbox.stop(List.of("AAPL"), "unsubscribed");
        offer("AAPL", 2);
        transport.drain();
        offer("AAPL", 3);

        assertEquals(List.of("r1", "unsubscribed", "MSFT:1"), transport.frames);
        assertEquals(Set.of("MSFT"), outbox.symbols());
    }

    @Test
    void stopOfAHeldSymbolDropsItsHeldQuotes() {
        outbox.hold(List.of("AAPL"));
        offer("AAPL", 1);

        outbox.stop(List.of("AAPL"), "unsubscribed");
        outbox.release(List.of(), Map.of(), List.of());
        transport.drain();

        assertEquals(List.of("unsubscribed"), transport.frames);
    }

    @Test
    void stopOfASymbolNeverSubscribedStillConfirms() {
        outbox.stop(List.of("NOPE"), "unsubscribed");

        assertEquals(List.of("unsubscribed"), transport.frames);
    }

    // Giving up

    @Test
    void repliesUpToTheLimitMayWaitBehindTheOneInFlight() {
        for (int i = 0; i <= MAX_REPLIES; i++) {
            outbox.offerReply("r" + i);
        }

        assertFalse(outbox.isClosed());
        assertEquals(List.of(), transport.closes);
        transport.drain();
        assertEquals(MAX_REPLIES + 1, transport.frames.size());
    }

    @Test
    void onReplyOverflowTheSessionIsClosedWithPolicyViolation() {
        subscribed("AAPL");
        for (int i = 0; i <= MAX_REPLIES + 1; i++) {
            outbox.offerReply("r" + i);
        }

        assertTrue(outbox.isClosed());
        assertEquals(1, transport.closes.size());
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, transport.closes.get(0).getCloseCode());
        assertEquals(1008, transport.closes.get(0).getCloseCode().getCode());
        assertEquals(1, stats.overflowCloses());

        transport.drain();
        outbox.offerReply("late");
        offer("AAPL", 1);
        assertEquals(List.of("r0"), transport.frames);
    }

    @Test
    void aReleaseThatWouldOverflowClosesTheSession() {
        for (int i = 0; i < MAX_REPLIES; i++) {
            outbox.offerReply("r" + i);
        }
        outbox.hold(List.of("AAPL"));

        outbox.release(List.of("AAPL"), Map.of(), List.of("subscribed", "snapshot"));

        assertTrue(outbox.isClosed());
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, transport.closes.get(0).getCloseCode());
    }

    @Test
    void aFailedSendClosesTheTransportAndLaterOffersAreIgnored() {
        subscribed("AAPL");
        outbox.offerReply("r1");
        outbox.offerReply("r2");

        transport.fail();

        assertTrue(outbox.isClosed());
        assertEquals(1, stats.sendFailures());
        assertEquals(List.of(CloseReason.CloseCodes.UNEXPECTED_CONDITION),
                transport.closes.stream().map(CloseReason::getCloseCode).toList());
        outbox.offerReply("r3");
        offer("AAPL", 1);
        assertEquals(List.of("r1"), transport.frames);
        assertTrue(transport.inFlight.isEmpty());
        assertEquals(Set.of("AAPL"), outbox.symbols(), "still named, so the closer can unregister them");
    }

    @Test
    void aTransportThatThrowsOnSendIsTreatedAsAFailedSend() {
        transport.throwOnSend = new IllegalStateException("session closed");

        outbox.offerReply("r1");

        assertTrue(outbox.isClosed());
        assertEquals(1, stats.sendFailures());
        assertEquals(1, transport.closes.size());
    }

    @Test
    void aTransportThatThrowsOnCloseDoesNotMatter() {
        Outbox.Transport angry = new Outbox.Transport() {
            @Override
            public void send(String frame, SendHandler done) {
                done.onResult(new SendResult(new IOException("gone")));
            }

            @Override
            public void close(CloseReason reason) {
                throw new IllegalStateException("already closed");
            }
        };
        Outbox doomed = new Outbox(angry, MAX_REPLIES, stats);

        doomed.offerReply("r1");

        assertTrue(doomed.isClosed());
    }

    @Test
    void discardDropsEverythingAndLaterOffersAreIgnored() {
        subscribed("AAPL");
        outbox.offerReply("r1");
        outbox.offerReply("r2");
        offer("AAPL", 1);

        outbox.discard();
        transport.drain();
        outbox.offerReply("r3");

        assertEquals(List.of("r1"), transport.frames);
        assertTrue(outbox.isClosed());
        assertEquals(Set.of("AAPL"), outbox.symbols(), "still named, so the closer can unregister them");
        assertEquals(List.of(), transport.closes, "discard does not close: the session is already gone");
    }

    @Test
    void closeTellsTheClientWhyAndDropsEverythingQueued() {
        subscribed("AAPL");
        outbox.offerReply("r1");
        outbox.offerReply("r2");
        offer("AAPL", 1);
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Server is shutting down");

        outbox.close(reason);
        transport.drain();
        outbox.offerReply("r3");

        assertEquals(List.of(reason), transport.closes);
        assertEquals(List.of("r1"), transport.frames);
        assertTrue(outbox.isClosed());
    }

    // How long the current write has been pending

    @Test
    void pendingForMeasuresTheFrameInFlightFromWhenItsWriteStarted() {
        long[] now = {1_000};
        Outbox timed = new Outbox(transport, MAX_REPLIES, stats, () -> now[0]);

        assertEquals(0, timed.pendingFor(5_000), "nothing in flight");
        timed.offerReply("r1");
        timed.offerReply("r2");
        assertEquals(4_000, timed.pendingFor(5_000));

        now[0] = 6_000;
        transport.complete();
        assertEquals(1_500, timed.pendingFor(7_500), "the second frame started when the first completed");

        transport.complete();
        assertEquals(0, timed.pendingFor(9_000), "idle again");
    }

    // Transports that complete on the calling thread or on others

    @Test
    void aTransportThatCompletesInsideSendGetsEveryFrameInOrder() {
        transport.synchronous = true;
        outbox.hold(List.of("AAPL", "MSFT"));
        offer("AAPL", 1);
        outbox.release(List.of("AAPL", "MSFT"), Map.of(), List.of("subscribed", "snapshot"));
        for (int seq = 2; seq <= 500; seq++) {
            offer("AAPL", seq);
            offer("MSFT", seq);
            outbox.offerReply("pong" + seq);
        }

        assertEquals(3 + 3 * 499, transport.frames.size());
        assertEquals(List.of("subscribed", "snapshot", "AAPL:1", "AAPL:2", "MSFT:2", "pong2"),
                transport.frames.subList(0, 6));
        assertEquals(List.of("AAPL:500", "MSFT:500", "pong500"), transport.frames.subList(1497, 1500));
        assertEquals(0, stats.quotesConflated());
        assertFalse(outbox.isClosed());
    }

    @Test
    void concurrentOffersAndCompletionsKeepOneFrameInFlightAndSeqIncreasingAndDeliverTheLatest() throws Exception {
        int symbols = 4;
        int quotesPerSymbol = 20_000;
        ExecutorService completions = Executors.newSingleThreadExecutor();
        ExecutorService feeds = Executors.newFixedThreadPool(symbols);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<String> frames = new CopyOnWriteArrayList<>();
        CountDownLatch lastQuotes = new CountDownLatch(symbols);
        Outbox.Transport concurrent = new Outbox.Transport() {
            @Override
            public void send(String frame, SendHandler done) {
                if (inFlight.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                frames.add(frame);
                if (frame.endsWith(":" + quotesPerSymbol)) {
                    lastQuotes.countDown();
                }
                completions.execute(() -> {
                    inFlight.decrementAndGet();
                    done.onResult(new SendResult());
                });
            }

            @Override
            public void close(CloseReason reason) {
                throw new AssertionError("closed: " + reason);
            }
        };
        Outbox shared = new Outbox(concurrent, 10_000, stats);
        List<String> names = new ArrayList<>();
        for (int s = 0; s < symbols; s++) {
            names.add("SYM" + s);
        }
        shared.hold(names);
        shared.release(names, Map.of(), List.of("subscribed"));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String name : names) {
                running.add(feeds.submit(() -> {
                    for (int seq = 1; seq <= quotesPerSymbol; seq++) {
                        shared.offerQuote(name, seq, name + ":" + seq);
                        if (seq % 1000 == 0) {
                            shared.offerReply("pong");
                        }
                    }
                }));
            }
            for (Future<?> feed : running) {
                feed.get(30, TimeUnit.SECONDS);
            }
            assertTrue(lastQuotes.await(30, TimeUnit.SECONDS), "the latest quote of every symbol arrives");
        } finally {
            feeds.shutdownNow();
            completions.shutdown();
        }
        assertTrue(completions.awaitTermination(30, TimeUnit.SECONDS));

        assertEquals(0, overlaps.get(), "never two frames in flight");
        Map<String, Long> last = new HashMap<>();
        for (String frame : frames) {
            int colon = frame.indexOf(':');
            if (colon > 0) {
                long seq = Long.parseLong(frame.substring(colon + 1));
                Long previous = last.put(frame.substring(0, colon), seq);
                assertTrue(previous == null || seq > previous, frame + " after " + previous);
            }
        }
        assertEquals(Collections.nCopies(symbols, (long) quotesPerSymbol), names.stream().map(last::get).toList());
        assertEquals(symbols * 20 + 1, frames.stream().filter(f -> !f.contains(":")).count(), "no reply lost");
    }

    /** With the largest settings a queue is long; draining it must not grow the stack per frame. */
    @Test
    void aLongQueueDrainedBySendsThatCompleteInlineDoesNotOverflowTheStack() {
        int frames = 200_000;
        java.util.List<String> written = new java.util.ArrayList<>();
        jakarta.websocket.SendHandler[] first = new jakarta.websocket.SendHandler[1];
        Outbox.Transport inlineAfterFirst = new Outbox.Transport() {
            @Override
            public void send(String frame, jakarta.websocket.SendHandler done) {
                written.add(frame);
                if (first[0] == null) {
                    first[0] = done;
                } else {
                    done.onResult(new jakarta.websocket.SendResult());
                }
            }

            @Override
            public void close(jakarta.websocket.CloseReason reason) {
                throw new AssertionError("closed: " + reason);
            }
        };
        Outbox longQueue = new Outbox(inlineAfterFirst, frames + 1, stats);
        for (int i = 0; i < frames; i++) {
            longQueue.offerReply("r" + i);
        }

        first[0].onResult(new jakarta.websocket.SendResult());

        assertEquals(frames, written.size());
        assertEquals("r" + (frames - 1), written.get(frames - 1));
        assertEquals(0, longQueue.pendingFor(System.nanoTime()), "nothing left in flight");
    }

    // Pacing (maxRate): paced symbols are not offered; the outbox takes them from the pacer's LatestFrames.

    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;

    /** An outbox on a clock the test moves, with a pacer the test ticks. */
    private final long[] clock = {SECOND};
    private final Pacer pacer = new Pacer();
    private final Outbox paced = new Outbox(transport, MAX_REPLIES, stats, () -> clock[0], pacer);

    private void pacedSubscription(long intervalNanos, String... symbols) {
        List<String> list = List.of(symbols);
        assertTrue(paced.hold(list, intervalNanos, false), "paced, so taken from LatestFrames");
        paced.release(list, Map.of(), List.of("subscribed"));
        transport.drain();
        transport.frames.clear();
    }

    /** The fan-out's part for paced sessions: the newest quote, and the parked outboxes it wakes. */
    private void put(String symbol, long seq) {
        LaneBatch wakes = new LaneBatch();
        pacer.latest().put(symbol, seq, quote(symbol, seq), wakes);
        wakes.dispatch();
    }

    private void publish(String symbol, long seq) {
        put(symbol, seq);
        transport.drain();
    }

    private void at(long nanos) {
        clock[0] = nanos;
        pacer.tick(nanos);
        transport.drain();
    }

    @Test
    void aSendFailingAfterTheOutboxWasClosedOnUndeployDoesNotReachThePacerAgain() {
        boolean[] applicationGone = {false};
        Pacer undeployed = new Pacer() {
            @Override
            void untrack(Outbox outbox) {
                if (applicationGone[0]) {
                    throw new IllegalStateException("not valid after container shutdown");
                }
                super.untrack(outbox);
            }
        };
        Outbox goingAway = new Outbox(transport, MAX_REPLIES, stats, () -> clock[0], undeployed);
        goingAway.hold(List.of("AAPL"), SECOND, false);
        goingAway.release(List.of("AAPL"), Map.of(), List.of("subscribed"));
        goingAway.offerReply("pong");

        goingAway.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Server is shutting down"));
        applicationGone[0] = true;
        transport.fail();

        assertTrue(goingAway.isClosed());
        assertEquals(1, stats.sendFailures(), "the failed send is still counted");
    }

    @Test
    void aPacedSymbolGetsItsFirstQuoteAtOnceAndTheNewestOnePerIntervalAfter() {
        pacedSubscription(SECOND / 2, "AAPL");

        publish("AAPL", 1);
        publish("AAPL", 2);
        publish("AAPL", 3);
        assertEquals(List.of("AAPL:1"), transport.frames, "the rest waits for the interval");

        at(SECOND + SECOND / 4);
        assertEquals(List.of("AAPL:1"), transport.frames, "not due yet");

        at(SECOND + SECOND / 2);
        assertEquals(List.of("AAPL:1", "AAPL:3"), transport.frames, "the newest value once due");
        assertEquals(1, stats.quotesConflated(), "AAPL:2 was skipped");

        at(2 * SECOND);
        at(2 * SECOND + SECOND / 2);
        assertEquals(List.of("AAPL:1", "AAPL:3"), transport.frames, "nothing new, nothing sent");
        assertEquals(0, pacer.latest().parkedCount(), "nothing new twice, but for half a second only: looked at again");
        at(2 * SECOND + Outbox.QUIET_AFTER_NANOS);
        assertEquals(1, pacer.latest().parkedCount(), "nothing new for five seconds: parked until AAPL's next update");
    }

    @Test
    void aBusySymbolWhoseUpdatesComeInBurstsIsNeverParked() {
        pacedSubscription(SECOND / 5, "AAPL");
        publish("AAPL", 1);
        long seq = 1;
        int parks = 0;
        // An overloaded fan-out: AAPL's updates get through in bursts, a second apart, and the
        // pacer (every 10 ms) finds nothing new at the four or five looks in between.
        for (long t = SECOND; t < 11 * SECOND; t += 10 * MILLI) {
            if (t % SECOND == 0) {
                seq += 20;
                publish("AAPL", seq);
            }
            at(t);
            parks = Math.max(parks, pacer.latest().parkedCount());
        }

        assertEquals(0, parks, "every burst would otherwise have woken it");
        assertEquals(11, transport.frames.size(), "the first, then the newest of each burst: " + transport.frames);
        assertEquals("AAPL:201", transport.frames.get(10));
    }

    @Test
    void aPacedSymbolDoesNotHoldBackUnpacedOnesOrReplies() {
        pacedSubscription(SECOND, "AAPL");
        subscribedOn(paced, "MSFT");

        publish("AAPL", 1);
        publish("AAPL", 2);
        paced.offerQuote("MSFT", 1, quote("MSFT", 1));
        paced.offerReply("pong");
        transport.drain();

        assertEquals(List.of("AAPL:1", "MSFT:1", "pong"), transport.frames);
        at(2 * SECOND);
        assertEquals(List.of("AAPL:1", "MSFT:1", "pong", "AAPL:2"), transport.frames);
    }

    @Test
    void aQuietPacedSymbolSendsItsNextQuoteAtOnce() {
        pacedSubscription(SECOND, "AAPL");
        publish("AAPL", 1);

        // The pacer looks at AAPL when due, and every interval after until it has had nothing
        // new for five seconds; then it parks it.
        at(2 * SECOND);
        at(3 * SECOND);
        at(7 * SECOND);
        assertEquals(1, pacer.latest().parkedCount());
        publish("AAPL", 2);

        assertEquals(List.of("AAPL:1", "AAPL:2"), transport.frames);
        assertEquals(0, stats.quotesConflated());
    }

    @Test
    void aPacedSymbolThatWasQuietForOneLookOnlyIsLookedAtAgainOneIntervalLater() {
        pacedSubscription(SECOND, "AAPL");
        publish("AAPL", 1);
        at(2 * SECOND);

        publish("AAPL", 2);
        assertEquals(List.of("AAPL:1"), transport.frames, "not parked yet: no wake");
        at(3 * SECOND);

        assertEquals(List.of("AAPL:1", "AAPL:2"), transport.frames);
        assertEquals(0, pacer.latest().parkedCount());
    }

    @Test
    void aPacedSessionIsNeverOfferedUpdatesSoManyUpdatesCostItNothingUntilDue() {
        pacedSubscription(SECOND, "AAPL");
        publish("AAPL", 1);
        for (long seq = 2; seq <= 1_000; seq++) {
            put("AAPL", seq);
        }
        assertEquals(List.of("AAPL:1"), transport.frames);

        at(2 * SECOND);

        assertEquals(List.of("AAPL:1", "AAPL:1000"), transport.frames);
        assertEquals(998, stats.quotesConflated(), "every update skipped is counted");
    }

    @Test
    void subscribingAgainWithoutMaxRateEndsThePace() {
        pacedSubscription(SECOND, "AAPL");
        publish("AAPL", 1);
        publish("AAPL", 2);

        assertFalse(paced.hold(List.of("AAPL"), 0, false), "offered every update again");
        paced.release(List.of("AAPL"), Map.of("AAPL", 2L), List.of("subscribed", "snapshot"));
        transport.drain();
        paced.offerQuote("AAPL", 3, quote("AAPL", 3));
        transport.drain();

        assertEquals(List.of("AAPL:1", "subscribed", "snapshot", "AAPL:3"), transport.frames,
                "the snapshot has the newest value, and the next quote leaves at once");
        assertEquals(0, pacer.trackedCount(), "nothing left to pace");
    }

    @Test
    void unsubscribingDropsAPacedQuoteThatWaits() {
        pacedSubscription(SECOND, "AAPL");
        publish("AAPL", 1);
        publish("AAPL", 2);

        paced.stop(List.of("AAPL"), "unsubscribed");
        transport.drain();
        at(3 * SECOND);

        assertEquals(List.of("AAPL:1", "unsubscribed"), transport.frames);
        assertEquals(0, pacer.trackedCount(), "nothing left to pace");
    }

    @Test
    void aClosedPacedSessionIsForgottenByThePacerAndLatestFrames() {
        pacedSubscription(SECOND, "AAPL", "MSFT");
        publish("AAPL", 1);
        assertEquals(1, pacer.trackedCount());
        assertEquals(1, pacer.latest().parkedCount(), "MSFT, which has had no update");

        paced.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "bye"));

        assertEquals(0, pacer.trackedCount());
        assertEquals(0, pacer.latest().parkedCount());
    }

    @Test
    void aPacedQuoteDueWhileAWriteIsInFlightLeavesWhenTheWriteCompletes() {
        pacedSubscription(SECOND, "AAPL");
        put("AAPL", 1);
        put("AAPL", 2);

        clock[0] = 2 * SECOND;
        pacer.tick(clock[0]);
        assertEquals(List.of("AAPL:1"), transport.frames, "AAPL:1 still in flight");
        transport.complete();

        assertEquals(List.of("AAPL:1", "AAPL:2"), transport.frames);
    }

    @Test
    void withoutAPacerAnIntervalIsIgnored() {
        assertFalse(outbox.hold(List.of("AAPL"), SECOND, false), "not paced: offered every update");
        outbox.release(List.of("AAPL"), Map.of(), List.of("subscribed"));
        transport.drain();

        offer("AAPL", 1);
        transport.drain();
        offer("AAPL", 2);
        transport.drain();

        assertEquals(List.of("subscribed", "AAPL:1", "AAPL:2"), transport.frames);
    }

    // Batching (batch: true)

    private void batchedSubscription(long intervalNanos, Outbox target, String... symbols) {
        List<String> list = List.of(symbols);
        target.hold(list, intervalNanos, true);
        target.release(list, Map.of(), List.of("subscribed"));
        transport.drain();
        transport.frames.clear();
    }

    private static String quotes(String... quotes) {
        return Outbox.QUOTES_OPEN + String.join(",", quotes) + Outbox.QUOTES_CLOSE;
    }

    @Test
    void batchedQuotesThatWaitedTogetherLeaveInOneQuotesMessage() {
        batchedSubscription(0, outbox, "AAPL", "MSFT", "IBM");

        offer("AAPL", 1);
        offer("AAPL", 2);
        offer("MSFT", 1);
        offer("IBM", 1);
        transport.drain();

        assertEquals(List.of("AAPL:1", quotes("AAPL:2", "MSFT:1", "IBM:1")), transport.frames,
                "alone when nothing else waits, then all that waited behind it in one frame");
        assertEquals(0, stats.quotesConflated());
    }

    @Test
    void unbatchedSymbolsAndRepliesNeverJoinABatch() {
        batchedSubscription(0, outbox, "AAPL", "MSFT");
        subscribedOn(outbox, "IBM");

        offer("AAPL", 1);
        offer("IBM", 1);
        offer("MSFT", 1);
        offer("AAPL", 2);
        outbox.offerReply("pong");
        transport.drain();

        assertEquals(List.of("AAPL:1", "pong", "IBM:1", quotes("MSFT:1", "AAPL:2")), transport.frames);
    }

    @Test
    void subscribingAgainWithoutBatchSendsThatSymbolAlone() {
        batchedSubscription(0, outbox, "AAPL", "MSFT");
        subscribedOn(outbox, "MSFT");

        offer("AAPL", 1);
        offer("AAPL", 2);
        offer("MSFT", 1);
        transport.drain();

        assertEquals(List.of("AAPL:1", "AAPL:2", "MSFT:1"), transport.frames);
    }

    @Test
    void pacedBatchedSymbolsAreSampledTogetherOnTheGridOnePerInterval() {
        batchedSubscription(SECOND, paced, "AAPL", "MSFT", "IBM");

        publish("AAPL", 1);
        publish("MSFT", 1);
        publish("IBM", 1);
        at(SECOND + 10 * MILLI);
        assertEquals(List.of(), transport.frames, "they wait for the next point of the grid, at most one interval");
        at(2 * SECOND);
        assertEquals(List.of(quotes("AAPL:1", "MSFT:1", "IBM:1")), transport.frames);

        for (long seq = 2; seq <= 5; seq++) {
            publish("AAPL", seq);
            publish("MSFT", seq);
            publish("IBM", seq);
        }
        at(3 * SECOND - MILLI);
        assertEquals(1, transport.frames.size(), "not before the next point of the grid");
        at(3 * SECOND);
        publish("AAPL", 6);
        at(4 * SECOND);

        assertEquals(List.of(quotes("AAPL:1", "MSFT:1", "IBM:1"), quotes("AAPL:5", "MSFT:5", "IBM:5"), "AAPL:6"),
                transport.frames, "the newest of each, together, once due; one alone still comes as a quote");
        assertEquals(9, stats.quotesConflated());
        assertEquals(0, pacer.latest().parkedCount(), "sampled, never parked");
    }

    @Test
    void unsubscribingOnePacedSymbolLeavesTheOthersPacedTogetherInTheirOrder() {
        batchedSubscription(SECOND, paced, "AAPL", "MSFT", "IBM");
        paced.stop(List.of("MSFT"), "unsubscribed");
        transport.drain();

        for (long seq = 1; seq <= 2; seq++) {
            publish("AAPL", seq);
            publish("MSFT", seq);
            publish("IBM", seq);
        }
        at(2 * SECOND);
        publish("IBM", 3);
        at(3 * SECOND - MILLI);
        assertEquals(List.of("unsubscribed", quotes("AAPL:2", "IBM:2")), transport.frames);
        at(3 * SECOND);

        assertEquals(List.of("unsubscribed", quotes("AAPL:2", "IBM:2"), "IBM:3"), transport.frames,
                "the first and the last paced symbol, in the order subscribed, one frame per interval");
        assertEquals(0, pacer.latest().parkedCount(), "sampled, never parked");
    }

    @Test
    void aBatchedPacedSymbolThatWasQuietLeavesOnTheGridOfTheOthers() {
        batchedSubscription(SECOND, paced, "AAPL", "MSFT");
        publish("AAPL", 1);
        at(2 * SECOND);
        // MSFT's first quote comes between two points of the grid.
        at(2 * SECOND + SECOND / 3);
        publish("MSFT", 1);
        at(2 * SECOND + SECOND / 3 + 10 * MILLI);
        assertEquals(List.of("AAPL:1"), transport.frames);
        at(3 * SECOND);
        publish("AAPL", 2);
        publish("MSFT", 2);
        at(4 * SECOND);

        assertEquals(List.of("AAPL:1", "MSFT:1", quotes("AAPL:2", "MSFT:2")), transport.frames);
    }

    @Test
    void pacedSymbolsThatUpdateFasterThanTheirRateAreTakenOnTheGridAndNeverPark() {
        String[] symbols = {"AAPL", "MSFT", "IBM", "ORCL"};
        batchedSubscription(SECOND / 5, paced, symbols);
        long seq = 0;
        int parks = 0;
        // Two seconds: every symbol updates every 50 ms, the pacer ticks every 10 ms.
        for (long t = SECOND; t < 3 * SECOND; t += 10 * MILLI) {
            if ((t / MILLI) % 50 == 0) {
                seq++;
                for (String symbol : symbols) {
                    publish(symbol, seq);
                }
            }
            at(t);
            parks = Math.max(parks, pacer.latest().parkedCount());
        }

        assertEquals(9, transport.frames.size(), "one frame per 200 ms from the first point of the grid: " + transport.frames);
        assertTrue(transport.frames.stream().allMatch(f -> f.startsWith(Outbox.QUOTES_OPEN) && f.split("AAPL").length == 2),
                transport.frames::toString);
        assertEquals(0, parks, "never parked");
    }

    private void subscribedOn(Outbox target, String... symbols) {
        List<String> list = List.of(symbols);
        target.hold(list);
        target.release(list, Map.of(), List.of("subscribed"));
        transport.drain();
        transport.frames.clear();
    }
}
