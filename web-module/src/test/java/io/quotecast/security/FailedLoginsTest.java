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

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        FailedLogins logins = new FailedLogins(2, () -> now);
        logins.failed("2001:db8:aa:bb::1");
        logins.failed("2001:db8:aa:bb:ffff:1:2:3");

        assertEquals(30, logins.secondsToWait("2001:db8:aa:bb::9"), "another address of the same /64 waits too");
        assertEquals(0, logins.secondsToWait("2001:db8:aa:bc::1"), "the next /64 does not");
        assertEquals(0, logins.secondsToWait("192.0.2.1"));
    }

    @Test
    void keysAreTheAddressOrTheSlash64AndNothingIsLookedUp() {
        assertEquals("192.0.2.1", FailedLogins.keyOf("192.0.2.1"));
        assertEquals("2001:db8:0:1::/64", FailedLogins.keyOf("2001:db8:0:1:2:3:4:5"));
        assertEquals("fe80:0:0:0::/64", FailedLogins.keyOf("fe80::1%eth0"));
        assertEquals("192.0.2.1", FailedLogins.keyOf("::ffff:192.0.2.1"), "an IPv4 address in IPv6 form is the IPv4 address");
        assertEquals("example.com", FailedLogins.keyOf("example.com"), "not a literal: kept, never resolved");
    }
}
