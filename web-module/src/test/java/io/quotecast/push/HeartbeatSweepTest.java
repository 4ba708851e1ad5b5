package io.quotecast.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
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

    /** What the server did to one session. */
    private static final class Peer {
        final Map<String, Object> userProperties = new HashMap<>();
        final List<String> sent = new ArrayList<>();
        /** When false, writes never complete: the peer's TCP window is full, or the server is behind. */
        boolean writesComplete = true;
        int pings;
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
