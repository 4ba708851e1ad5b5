package io.quotecast.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailedLoginsTest {

    private static final long SECOND = 1_000_000_000L;

    private long now = 5 * SECOND;

    @Test
    void anAddressMayFailItsAllowanceAtOnceThenWaitsForOneToComeBack() {
        FailedLogins logins = new FailedLogins(6, () -> now);
        for (int i = 0; i < 6; i++) {
            assertEquals(0, logins.secondsToWait("10.0.0.1"), "failure " + (i + 1) + " of 6 allowed");
            logins.failed("10.0.0.1");
        }

        assertEquals(10, logins.secondsToWait("10.0.0.1"), "6 a minute: one every 10 s");
        now += 4 * SECOND;
        assertEquals(6, logins.secondsToWait("10.0.0.1"));
        now += 6 * SECOND;
        assertEquals(0, logins.secondsToWait("10.0.0.1"));
        assertEquals(0, logins.secondsToWait("10.0.0.2"), "other addresses are not affected");
    }

    @Test
    void zeroPerMinuteTurnsTheLimitOff() {
        FailedLogins logins = new FailedLogins(0, () -> now);
        for (int i = 0; i < 1000; i++) {
            logins.failed("10.0.0.1");
        }

        assertEquals(0, logins.secondsToWait("10.0.0.1"));
        assertEquals(0, logins.tracked());
    }

    @Test
    void theAddressesRememberedAreBoundedForgettingTheRecoveredFirst() {
        FailedLogins logins = new FailedLogins(2, () -> now);
        for (int i = 0; i < FailedLogins.TRACKED_ADDRESSES; i++) {
            logins.failed("recovering-" + i);
        }
        assertEquals(FailedLogins.TRACKED_ADDRESSES, logins.tracked());

        now += 60 * SECOND;
        logins.failed("10.0.0.1");
        logins.failed("10.0.0.1");

        assertEquals(1, logins.tracked(), "every recovered address forgotten to make room");
        assertEquals(30, logins.secondsToWait("10.0.0.1"));
    }

    @Test
    void whenEveryRememberedAddressIsShortANewOneIsNotTrackedAndNoneIsDropped() {
        FailedLogins logins = new FailedLogins(1, () -> now);
        for (int i = 0; i < FailedLogins.TRACKED_ADDRESSES; i++) {
            logins.failed("guesser-" + i);
        }

        logins.failed("10.0.0.1");

        assertEquals(FailedLogins.TRACKED_ADDRESSES, logins.tracked());
        assertEquals(0, logins.secondsToWait("10.0.0.1"));
        assertEquals(60, logins.secondsToWait("guesser-0"), "nobody already limited is let off");
    }
}
