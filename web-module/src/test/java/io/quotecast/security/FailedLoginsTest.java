package io.quotecast.security;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailedLoginsTest {

    private static final long SECOND = 1_000_000_000L;

    private long now = 5 * SECOND;

    /** What the mechanism does for wrong credentials: reserve, then fail if it may check at all. */
    private static long wrongCredentials(FailedLogins logins, String address) {
        long wait = logins.reserve(address);
        if (wait == 0) {
            logins.failed(address);
        }
        return wait;
    }

    @Test
    void anAddressMayFailItsAllowanceAtOnceThenWaitsForOneToComeBack() {
        FailedLogins logins = new FailedLogins(6, () -> now);
        for (int i = 0; i < 6; i++) {
            assertEquals(0, wrongCredentials(logins, "10.0.0.1"), "failure " + (i + 1) + " of 6 checked");
        }

        assertEquals(10, wrongCredentials(logins, "10.0.0.1"), "6 a minute: one every 10 s");
        now += 4 * SECOND;
        assertEquals(6, logins.reserve("10.0.0.1"));
        now += 6 * SECOND;
        assertEquals(0, wrongCredentials(logins, "10.0.0.1"), "one failure's worth is back");
        assertEquals(10, logins.reserve("10.0.0.1"));
        assertEquals(0, logins.reserve("10.0.0.2"), "other addresses are not affected");
    }

    @Test
    void concurrentChecksCannotAllPassOnTheLastFailureLeft() {
        FailedLogins logins = new FailedLogins(6, () -> now);
        for (int i = 0; i < 6; i++) {
            wrongCredentials(logins, "10.0.0.1");
        }
        now += 10 * SECOND;

        // Eight requests arrive together, before any of their checks has failed.
        long passed = IntStream.range(0, 8).mapToLong(i -> logins.reserve("10.0.0.1")).filter(w -> w == 0).count();

        assertEquals(1, passed, "one failure's worth came back, so one request is checked");
    }

    @Test
    void rightCredentialsGiveBackWhatTheirCheckReserved() {
        FailedLogins logins = new FailedLogins(2, () -> now);
        wrongCredentials(logins, "10.0.0.1");
        for (int i = 0; i < 5; i++) {
            assertEquals(0, logins.reserve("10.0.0.1"), "right credentials " + (i + 1));
            logins.succeeded("10.0.0.1");
        }

        assertEquals(0, wrongCredentials(logins, "10.0.0.1"), "the second failure of two is still checked");
        assertEquals(30, logins.reserve("10.0.0.1"));
    }

    @Test
    void zeroPerMinuteTurnsTheLimitOff() {
        FailedLogins logins = new FailedLogins(0, () -> now);
        for (int i = 0; i < 1000; i++) {
            wrongCredentials(logins, "10.0.0.1");
        }

        assertEquals(0, logins.reserve("10.0.0.1"));
        assertEquals(0, logins.tracked());
    }

    @Test
    void theAddressesRememberedAreBoundedForgettingTheRecoveredFirst() {
        FailedLogins logins = new FailedLogins(2, () -> now);
        for (int i = 0; i < FailedLogins.TRACKED_ADDRESSES; i++) {
            wrongCredentials(logins, "recovering-" + i);
        }
        assertEquals(FailedLogins.TRACKED_ADDRESSES, logins.tracked());

        now += 60 * SECOND;
        wrongCredentials(logins, "10.0.0.1");
        wrongCredentials(logins, "10.0.0.1");

        assertEquals(1, logins.tracked(), "every recovered address forgotten to make room");
        assertEquals(30, logins.reserve("10.0.0.1"));
    }

    @Test
    void whenEveryRememberedAddressIsShortANewOneIsNotTrackedAndNoneIsDropped() {
        FailedLogins logins = new FailedLogins(1, () -> now);
        for (int i = 0; i < FailedLogins.TRACKED_ADDRESSES; i++) {
            wrongCredentials(logins, "guesser-" + i);
        }

        wrongCredentials(logins, "10.0.0.1");

        assertEquals(FailedLogins.TRACKED_ADDRESSES, logins.tracked());
        assertEquals(0, logins.reserve("10.0.0.1"));
        assertEquals(60, logins.reserve("guesser-0"), "nobody already limited is let off");
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        FailedLogins logins = new FailedLogins(2, () -> now);
        wrongCredentials(logins, "2001:db8:aa:bb::1");
        wrongCredentials(logins, "2001:db8:aa:bb:ffff:1:2:3");

        assertEquals(30, logins.reserve("2001:db8:aa:bb::9"), "another address of the same /64 waits too");
        assertEquals(0, logins.reserve("2001:db8:aa:bc::1"), "the next /64 does not");
        assertEquals(0, logins.reserve("192.0.2.1"));
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
