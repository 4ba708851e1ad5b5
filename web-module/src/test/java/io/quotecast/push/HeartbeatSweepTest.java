package io.quotecast.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quotecast.guard.ConnectionSlots;
import io.quotecast.guard.GuardSettings;
import io.quotecast.guard.GuardStats;
import io.quotecast.instrument.Instrument;
import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.security.Entitlements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The dead-peer verdict of {@link Sessions#sweep}: heartbeat 30 s, two misses allowed. Sessions
 * are stand-ins that record pings and closes; every write completes at once.
 */
class HeartbeatSweepTest {

    private static final long HEARTBEAT = TimeUnit.SECONDS.toNanos(30);
    private static final long MILLISECOND = TimeUnit.MILLISECONDS.toNanos(1);

    /** What the server did to one session. */
    private static final class Peer {
        final Map<String, Object> userProperties = new HashMap<>();
        final List<String> sent = new ArrayList<>();
        /** When false, writes never complete: the peer's TCP window is full, or the server is behind. */
        boolean writesComplete = true;
        int pings;
        ByteBuffer lastPing;
        CloseReason closed;
        final Session session = proxy(Session.class, (method, args) -> switch (method) {
            case "getId" -> "s-" + System.identityHashCode(this);
            case "getUserProperties" -> userProperties;
            case "isOpen" -> closed == null;
            case "getAsyncRemote" -> remote();
            case "close" -> {
                closed = (CloseReason) args[0];
                yield null;
            }
            default -> null;
        });

        private RemoteEndpoint.Async remote() {
            return proxy(RemoteEndpoint.Async.class, (method, args) -> {
                if (method.equals("sendPing")) {
                    pings++;
                    lastPing = (ByteBuffer) args[0];
                } else if (method.equals("sendText") && args.length == 2) {
                    sent.add((String) args[0]);
                    if (writesComplete) {
                        ((SendHandler) args[1]).onResult(new SendResult());
                    }
                }
                return null;
            });
        }
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args == null ? new Object[0] : args)));
    }

    private final GuardStats guardStats = new GuardStats();
    private final Sessions sessions = new Sessions(new PushSettings(30, 16_384, 100, 64, 10_000, 30, 2),
            new GuardSettings(List.of(), 1_000, 1_000, 10, 20, 50), new Subscriptions(),
            new InstrumentCatalog(List.of(new Instrument("AAPL", "XNAS", "Apple Inc.", BigDecimal.TEN))),
            new PushStats(), new ConnectionSlots(1_000, 1_000), guardStats,
            Entitlements.everyone(), new Pacer());

    @Test
    void aPeerThatLeavesThreePingsUnansweredIsClosedWithGoingAway() {
        Peer silent = new Peer();
        sessions.open(silent.session);
        long start = System.nanoTime();

        for (int beat = 1; beat <= 3; beat++) {
            sessions.sweep(start + beat * HEARTBEAT);
            assertNull(silent.closed, "still open after beat " + beat);
        }
        sessions.sweep(start + 4 * HEARTBEAT);

        assertEquals(3, silent.pings);
        assertEquals(CloseReason.CloseCodes.GOING_AWAY, silent.closed.getCloseCode());
        assertEquals(1, guardStats.heartbeatClosesCount());
    }

    @Test
    void aDrainingNodePingsNoOneAndSoClosesNoOneForSilence() {
        Peer quiet = new Peer();
        sessions.open(quiet.session);
        long start = System.nanoTime();
        sessions.sweep(start + HEARTBEAT);
        assertEquals(1, quiet.pings);

        sessions.stopPinging();
        for (int beat = 2; beat <= 10; beat++) {
            sessions.sweep(start + beat * HEARTBEAT);
        }

        assertEquals(1, quiet.pings, "no ping once draining: no pong crosses the drain's close frame");
        assertNull(quiet.closed, "not taken for dead for the pings it was not sent; the drain closes it");
        assertEquals(0, guardStats.heartbeatClosesCount());
    }

    @Test
    void eachSliceSweepsAnEvenShareAndAFullRoundPingsEverySessionOnce() {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Peer peer = new Peer();
            sessions.open(peer.session);
            peers.add(peer);
        }
        long now = System.nanoTime();

        for (int slice = 0; slice < 4; slice++) {
            sessions.sweep(now + slice * TimeUnit.SECONDS.toNanos(1), slice, 4);
            assertEquals(3 * (slice + 1), peers.stream().mapToInt(p -> p.pings).sum(), "three more pinged in slice " + slice);
        }

        assertEquals(List.of(1), peers.stream().map(p -> p.pings).distinct().toList(), "each pinged once per round");
    }

    @Test
    void aSweepThatRunsLateDoesNotCloseAPeerThatAnsweredEveryPing() {
        Peer alive = new Peer();
        sessions.open(alive.session);
        long start = System.nanoTime();

        sessions.sweep(start + HEARTBEAT);
        sessions.heard(alive.session); // its pong
        // An overloaded server's next sweeps come minutes late: the peer was pinged once each time.
        sessions.sweep(start + 10 * HEARTBEAT);
        sessions.sweep(start + 20 * HEARTBEAT);

        assertNull(alive.closed, "closed for silence although it was pinged only twice since it answered");
        assertEquals(3, alive.pings);
        assertEquals(0, guardStats.heartbeatClosesCount());
    }

    @Test
    void whileAWriteIsInFlightTheStuckLimitJudgesNotTheSilence() {
        // A stuck limit longer than the silence limit, so that only the write in flight can spare it.
        Sessions patient = new Sessions(new PushSettings(30, 16_384, 100, 64, 10_000, 300, 2),
                new GuardSettings(List.of(), 1_000, 1_000, 10, 20, 50), new Subscriptions(),
                new InstrumentCatalog(List.of(new Instrument("AAPL", "XNAS", "Apple Inc.", BigDecimal.TEN))),
                new PushStats(), new ConnectionSlots(1_000, 1_000), guardStats, Entitlements.everyone(), new Pacer());
        Peer behind = new Peer();
        behind.writesComplete = false;
        patient.open(behind.session); // its welcome stays in flight
        long start = System.nanoTime();

        for (int beat = 1; beat <= 6; beat++) {
            patient.sweep(start + beat * HEARTBEAT);
        }
        assertNull(behind.closed, "its pings may wait behind the write: not judged silent");
        assertEquals(0, guardStats.heartbeatClosesCount());

        patient.sweep(start + TimeUnit.SECONDS.toNanos(301));
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, behind.closed.getCloseCode(), "stuck after 300 s");
    }

    @Test
    void aServerThatHearsPongsLateAllowsForItsOwnDelayButNotForever() {
        Peer late = new Peer();
        Peer other = new Peer();
        Peer dead = new Peer();
        sessions.open(late.session);
        sessions.open(other.session);
        long start = System.nanoTime();

        sessions.sweep(start + HEARTBEAT);
        ByteBuffer firstPing = other.lastPing.duplicate();
        ByteBuffer lateFirstPing = late.lastPing.duplicate();
        sessions.sweep(start + 2 * HEARTBEAT);
        sessions.sweep(start + 3 * HEARTBEAT);
        // The server is behind: it handles the pong to the first ping three intervals after it was sent.
        sessions.heardPong(other.session, firstPing, start + 4 * HEARTBEAT - 1);
        sessions.sweep(start + 4 * HEARTBEAT);

        assertNull(late.closed, "its pong is still waiting in the server, as the other's did");
        assertEquals(90_000, guardStats.hearingLagMillis(), 1, "reported in /api/stats");

        sessions.heardPong(late.session, lateFirstPing, start + 4 * HEARTBEAT + 1);
        sessions.open(dead.session);
        // On time again from here: every pong is heard a millisecond after its ping.
        for (int beat = 5; beat <= 10; beat++) {
            long now = start + beat * HEARTBEAT;
            sessions.sweep(now);
            sessions.heardPong(late.session, late.lastPing.duplicate(), now + MILLISECOND);
            sessions.heardPong(other.session, other.lastPing.duplicate(), now + MILLISECOND);
        }
        sessions.sweep(start + 11 * HEARTBEAT);

        assertNull(late.closed);
        assertNull(other.closed);
        assertEquals(CloseReason.CloseCodes.GOING_AWAY, dead.closed.getCloseCode(),
                "once the server hears on time again, silence is silence");
        assertEquals(0, guardStats.hearingLagMillis(), 1);
    }

    @Test
    void sweepsThatRunBackToBackForgetNothingOfHowLateTheServerHears() {
        Peer late = new Peer();
        Peer other = new Peer();
        sessions.open(late.session);
        sessions.open(other.session);
        long start = System.nanoTime();

        sessions.sweep(start + HEARTBEAT);
        ByteBuffer firstPing = other.lastPing.duplicate();
        sessions.heardPong(other.session, firstPing, start + 2 * HEARTBEAT); // a whole interval late
        // A scheduler that fell behind runs the missed sweeps in a burst.
        for (int i = 1; i <= 4; i++) {
            sessions.sweep(start + 3 * HEARTBEAT + i * MILLISECOND);
        }

        assertNull(late.closed, "pinged five times in 90 s, but the server hears pongs 30 s late");
        assertEquals(30_000, guardStats.hearingLagMillis(), 1);
    }

    @Test
    void aForgedPongCanDelayTheVerdictOnlyByTheSilenceLimit() {
        Peer forger = new Peer();
        Peer dead = new Peer();
        sessions.open(forger.session);
        sessions.open(dead.session);
        long start = System.nanoTime();
        ByteBuffer anHourAgo = ByteBuffer.allocate(Long.BYTES).putLong(0, start - TimeUnit.HOURS.toNanos(1));

        for (int beat = 1; beat <= 5; beat++) {
            sessions.heardPong(forger.session, anHourAgo.duplicate(), start + beat * HEARTBEAT - 1);
            sessions.sweep(start + beat * HEARTBEAT);
            assertNull(dead.closed, "silence limit 90 s plus at most 90 s of claimed lag, beat " + beat);
        }
        // Opened just before start: at 180 s it has been silent a little over 90 + 90 s.
        sessions.heardPong(forger.session, anHourAgo.duplicate(), start + 6 * HEARTBEAT - 1);
        sessions.sweep(start + 6 * HEARTBEAT);

        assertEquals(CloseReason.CloseCodes.GOING_AWAY, dead.closed.getCloseCode());
        assertNull(forger.closed);
    }

    @Test
    void sweepsThatComeEarlyDoNotCloseBeforeTheSilenceLasted() {
        Peer silent = new Peer();
        sessions.open(silent.session);
        long start = System.nanoTime();

        for (int i = 1; i <= 6; i++) {
            sessions.sweep(start + i * TimeUnit.SECONDS.toNanos(1));
        }

        assertNull(silent.closed, "six pings in six seconds are not ninety seconds of silence");
    }
}
