package io.quotecast.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RejectionLogTest {

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Logger logger = Logger.getLogger(PriceFeedListener.class.getName());
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                lines.add(formatter.formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private boolean parentHandlers;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T20:33:06Z"));
    private final RejectionLog log = new RejectionLog(clock, INTERVAL);

    @BeforeEach
    void captureLog() {
        parentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(parentHandlers);
    }

    @Test
    void firstRejectionIsLoggedWithReasonAndDetail() {
        assertTrue(log.log(FeedRejection.INVALID_PRICE, "AAPL: price is not a number"));

        assertEquals(List.of("Feed message rejected (INVALID_PRICE): AAPL: price is not a number"), lines);
    }

    @Test
    void repeatsWithinTheIntervalAreSuppressed() {
        log.log(FeedRejection.MALFORMED, "body is not valid JSON");
        clock.advance(Duration.ofSeconds(3));
        assertFalse(log.log(FeedRejection.MALFORMED, "body is not valid JSON"));
        clock.advance(Duration.ofMillis(6_999));
        assertFalse(log.log(FeedRejection.MALFORMED, "body is not valid JSON"));

        assertEquals(1, lines.size());
    }

    @Test
    void nextLineAfterTheIntervalCountsTheSuppressedOnes() {
        log.log(FeedRejection.MALFORMED, "first");
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            log.log(FeedRejection.MALFORMED, "suppressed");
        }
        clock.advance(Duration.ofSeconds(7));

        assertTrue(log.log(FeedRejection.MALFORMED, "second"));

        assertEquals(List.of("Feed message rejected (MALFORMED): first",
                "Feed message rejected (MALFORMED): second [3 more MALFORMED since the last line]"), lines);
    }

    @Test
    void suppressedCountStartsAgainAfterEachLine() {
        log.log(FeedRejection.MALFORMED, "first");
        log.log(FeedRejection.MALFORMED, "suppressed");
        clock.advance(INTERVAL);
        log.log(FeedRejection.MALFORMED, "second");
        clock.advance(INTERVAL);
        log.log(FeedRejection.MALFORMED, "third");

        assertEquals(List.of("Feed message rejected (MALFORMED): first",
                "Feed message rejected (MALFORMED): second [1 more MALFORMED since the last line]",
                "Feed message rejected (MALFORMED): third"), lines);
    }

    @Test
    void eachReasonHasItsOwnInterval() {
        assertTrue(log.log(FeedRejection.MALFORMED, "a"));
        assertTrue(log.log(FeedRejection.UNKNOWN_SYMBOL, "NOPE"));
        assertFalse(log.log(FeedRejection.MALFORMED, "b"));
        assertFalse(log.log(FeedRejection.UNKNOWN_SYMBOL, "NOPE"));

        assertEquals(2, lines.size());
    }
}
