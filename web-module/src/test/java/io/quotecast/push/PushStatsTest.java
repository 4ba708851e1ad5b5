package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PushStatsTest {

    private final PushStats stats = new PushStats();

    @Test
    void directIsAnotherObjectSoThatTheContainersProxyCannotHandItBackAsItself() {
        // Weld's client proxy returns itself for a method that returns the bean's own instance.
        assertNotSame(stats, stats.direct());
        assertSame(stats.direct(), stats.direct().direct());
    }

    @Test
    void whatIsCountedThroughDirectIsWhatTheBeanReports() {
        PushStats direct = stats.direct();
        direct.pushed();
        direct.pushed();
        direct.conflated();
        direct.conflated(3);
        direct.sendFailed();
        direct.overflowed();
        direct.containerApiSession();
        direct.directFrame();
        direct.directFrame();
        direct.directFramePartial();
        stats.pushed();

        assertEquals(3, stats.messagesPushed());
        assertEquals(4, stats.quotesConflated());
        assertEquals(1, stats.sendFailures());
        assertEquals(1, stats.overflowCloses());
        assertEquals(1, stats.containerApiSessions());
        assertEquals(2, stats.directFrames());
        assertEquals(1, stats.directFramesPartial());
        assertEquals(3, direct.messagesPushed());
    }

    @Test
    void closedSessionsAreCountedInAllAndByHowTheyEnded() {
        stats.direct().sessionClosed("1000");
        stats.sessionClosed("1006");
        stats.sessionClosed("1000");
        stats.sessionClosed("error IOException");

        assertEquals(4, stats.sessionsClosed());
        assertEquals(Map.of("1000", 2L, "1006", 1L, "error IOException", 1L), stats.sessionsClosedBy());
    }
}
