package io.quotecast.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Everything waiting to be written to one client, and which symbols it may receive.
 *
 * <p>Bounded by construction: at most one quote per subscribed symbol waits (a newer quote
 * replaces an unsent older one, counted as conflated), and at most {@code maxReplies} replies;
 * a client that lets replies pile up is closed with 1008. One frame is in flight at a time, so
 * the container never queues for us and a slow client costs memory proportional to its
 * subscriptions, never to the feed rate.
 *
 * <p>Ordering: replies go before quotes; a symbol being subscribed is held back until its
 * snapshot is queued, and a quote whose seq is not above what the client already has (from the
 * snapshot or an earlier quote) is dropped, so every client sees strictly increasing seq per
 * symbol, and nothing after {@code unsubscribed}.
 *
 * <p>Threads: offered to by the feed's fan-out thread and the session's message thread, drained
 * by whichever thread the container completes a send on. All state is guarded by {@code this};
 * no frame is written while holding it.
 */
public final class Outbox {

    /** Where frames go: the session's async remote endpoint, or a fake in tests. */
    public interface Transport {
        void send(String frame, SendHandler done);

        void close(CloseReason reason);
    }

    private record Pending(long seq, String frame) {
    }

    private final Transport transport;
    private final int maxReplies;
    private final PushStats stats;

    private final Map<String, Long> lastSeq = new HashMap<>();
    private final Set<String> held = new HashSet<>();
    private final LinkedHashMap<String, Pending> quotes = new LinkedHashMap<>();
    private final ArrayDeque<String> replies = new ArrayDeque<>();
    private final LongSupplier nanoClock;
    private boolean inFlight;
    private long inFlightSince;
    /** The thread inside {@code transport.send}, and whether the send completed before it returned. */
    private Thread sender;
    private boolean completedInline;
    private boolean closed;

    public Outbox(Transport transport, int maxReplies, PushStats stats) {
        this(transport, maxReplies, stats, System::nanoTime);
    }

    public Outbox(Transport transport, int maxReplies, PushStats stats, LongSupplier nanoClock) {
        this.transport = transport;
        this.maxReplies = maxReplies;
        this.stats = stats;
        this.nanoClock = nanoClock;
    }

    /**
     * How long the frame being written has been pending, in nanoseconds; 0 when nothing is in
     * flight. A client that stops reading shows here first: its TCP window fills and the write
     * never completes, while everything else about the connection looks healthy.
     */
    public synchronized long pendingFor(long nowNanos) {
        return inFlight && inFlightSince != 0 ? nowNanos - inFlightSince : 0;
    }

    /** Queues a quote for a subscribed symbol; ignored for any other symbol or an old seq. */
    public void offerQuote(String symbol, long seq, String frame) {
        synchronized (this) {
            Long last = lastSeq.get(symbol);
            if (closed || last == null || seq <= last) {
                return;
            }
            lastSeq.put(symbol, seq);
            if (quotes.put(symbol, new Pending(seq, frame)) != null) {
                stats.conflated();
            }
            if (inFlight || held.contains(symbol)) {
                return;
            }
            inFlight = true;
        }
        pump();
    }

    public void offerReply(String frame) {
        offerReplies(List.of(frame));
    }

    /** Starts accepting quotes for {@code symbols}, holding them back until {@link #release}. */
    public synchronized void hold(Collection<String> symbols) {
        for (String symbol : symbols) {
            lastSeq.putIfAbsent(symbol, 0L);
            held.add(symbol);
        }
    }

    /**
     * Queues the replies of a subscription (confirmation, snapshot) and lets quotes of
     * {@code symbols} flow again, dropping any that the snapshot already covers.
     */
    public void release(Collection<String> symbols, Map<String, Long> snapshotSeq, List<String> frames) {
        synchronized (this) {
            for (String symbol : symbols) {
                held.remove(symbol);
                long snapshot = snapshotSeq.getOrDefault(symbol, 0L);
                lastSeq.put(symbol, Math.max(lastSeq.getOrDefault(symbol, 0L), snapshot));
                // Only the snapshot covers a held quote: lastSeq already counts it as queued.
                Pending pending = quotes.get(symbol);
                if (pending != null && pending.seq() <= snapshot) {
                    quotes.remove(symbol);
                }
            }
        }
        offerReplies(frames);
    }

    /** Stops quotes of {@code symbols}, including unsent ones, then queues the confirmation. */
    public void stop(Collection<String> symbols, String confirmation) {
        synchronized (this) {
            for (String symbol : symbols) {
                lastSeq.remove(symbol);
                held.remove(symbol);
                quotes.remove(symbol);
            }
        }
        offerReply(confirmation);
    }

    public synchronized Set<String> symbols() {
        return Set.copyOf(lastSeq.keySet());
    }

    public synchronized int subscriptionCount() {
        return lastSeq.size();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the client with {@code reason} and drops everything queued for it. */
    public void close(CloseReason reason) {
        giveUp(reason);
    }

    /**
     * Drops everything queued; later offers are ignored. The symbols stay named by
     * {@link #symbols()}: whoever closes the client (however the close began) unregisters them
     * from {@link Subscriptions} with that list, and a handful of keys is no memory worth saving.
     */
    public synchronized void discard() {
        closed = true;
        quotes.clear();
        replies.clear();
        held.clear();
    }

    private void offerReplies(List<String> frames) {
        boolean overflow;
        synchronized (this) {
            if (closed) {
                return;
            }
            overflow = replies.size() + frames.size() > maxReplies;
            if (!overflow) {
                replies.addAll(frames);
                if (inFlight) {
                    return;
                }
                inFlight = true;
            }
        }
        if (overflow) {
            stats.overflowed();
            giveUp(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
                    "Client is not reading: more than " + maxReplies + " replies waiting"));
            return;
        }
        pump();
    }

    /**
     * Writes frames until one is left pending. Runs on the offering thread or a send-completion
     * thread. A container may complete a send inside {@code send()} on the calling thread; such a
     * completion only asks this loop to go on ({@link #sent}), so draining a long queue never
     * recurses.
     */
    private void pump() {
        Thread self = Thread.currentThread();
        while (true) {
            String next;
            synchronized (this) {
                next = closed ? null : nextFrame();
                if (next == null) {
                    inFlight = false;
                    inFlightSince = 0;
                    return;
                }
                inFlightSince = nanoClock.getAsLong();
                sender = self;
                completedInline = false;
            }
            try {
                transport.send(next, this::sent);
            } catch (RuntimeException e) {
                // Some containers throw instead of reporting through the handler (session already closed).
                sent(new SendResult(e));
            }
            synchronized (this) {
                if (sender != self) {
                    return;
                }
                sender = null;
                if (!completedInline) {
                    return;
                }
            }
        }
    }

    private void sent(SendResult result) {
        if (!result.isOK()) {
            stats.sendFailed();
            giveUp(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Write failed or timed out"));
            return;
        }
        stats.pushed();
        synchronized (this) {
            if (sender == Thread.currentThread()) {
                completedInline = true;
                return;
            }
        }
        pump();
    }

    private String nextFrame() {
        String reply = replies.poll();
        if (reply != null) {
            return reply;
        }
        Iterator<Map.Entry<String, Pending>> it = quotes.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Pending> entry = it.next();
            if (!held.contains(entry.getKey())) {
                it.remove();
                return entry.getValue().frame();
            }
        }
        return null;
    }

    private void giveUp(CloseReason reason) {
        discard();
        try {
            transport.close(reason);
        } catch (RuntimeException ignored) {
            // Already closed by the peer or the container: nothing left to tell it.
        }
    }
}
