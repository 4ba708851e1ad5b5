package io.quotecast.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies balancers = TrustedProxies.parse("10.0.0.0/8, 192.168.1.5, ::1, fd00::/8");

    @Test
    void withoutTrustedProxiesTheConnectionsPeerIsTheClientWhateverTheHeaderSays() {
        assertEquals("10.1.2.3", TrustedProxies.NONE.clientOf("10.1.2.3", List.of("203.0.113.9")));
        assertEquals("10.1.2.3", TrustedProxies.parse("").clientOf("10.1.2.3", List.of("203.0.113.9")));
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotChooseItsAddress() {
        assertEquals("203.0.113.9", balancers.clientOf("203.0.113.9", List.of("198.51.100.1")));
    }

    @Test
    void fromATrustedProxyTheClientIsTheAddressItForwardedFor() {
        assertEquals("203.0.113.9", balancers.clientOf("10.1.2.3", List.of("203.0.113.9")));
        assertEquals("203.0.113.9", balancers.clientOf("::1", List.of("203.0.113.9")));
    }

    @Test
    void theHeaderIsReadFromTheRightPastEveryTrustedProxyOnly() {
        // The client wrote 198.51.100.1 itself; 203.0.113.9 is what the first trusted proxy saw.
        assertEquals("203.0.113.9", balancers.clientOf("10.1.2.3", List.of("198.51.100.1, 203.0.113.9, 10.9.9.9")));
        // Several headers count as one list, in order.
        assertEquals("203.0.113.9", balancers.clientOf("10.1.2.3", List.of("198.51.100.1", "203.0.113.9", "192.168.1.5")));
    }

    @Test
    void aTrustedProxyWithoutTheHeaderIsItselfTheClient() {
        assertEquals("10.1.2.3", balancers.clientOf("10.1.2.3", List.of()));
    }

    @Test
    void anEntryThatIsNoAddressStopsAtTheProxyThatWroteIt() {
        assertEquals("10.9.9.9", balancers.clientOf("10.1.2.3", List.of("203.0.113.9, unknown, 10.9.9.9")));
        assertEquals("10.1.2.3", balancers.clientOf("10.1.2.3", List.of("evil.example")));
    }

    @Test
    void onlyTrustedProxiesAllTheWayLeavesTheOutermostOne() {
        assertEquals("10.0.0.1", balancers.clientOf("10.1.2.3", List.of("10.0.0.1, 10.0.0.2")));
    }

    @Test
    void ipv6AddressesAndRangesMatchLiterallyWithBracketsAllowed() {
        assertEquals("2001:db8:0:0:0:0:0:7", balancers.clientOf("fd12::1", List.of("[2001:db8::7]")));
        assertTrue(balancers.trusts("fdff:ffff::1"));
        assertFalse(balancers.trusts("fe00::1"));
    }

    @Test
    void rangesMatchTheirPrefixBitsOnly() {
        TrustedProxies partial = TrustedProxies.parse("172.16.0.0/12");
        assertTrue(partial.trusts("172.31.255.255"));
        assertFalse(partial.trusts("172.32.0.0"));
        assertFalse(partial.trusts("::ffff:172.15.0.1"));
        assertTrue(TrustedProxies.parse("0.0.0.0/0").trusts("8.8.8.8"));
        assertFalse(TrustedProxies.parse("0.0.0.0/0").trusts("::2"));
    }

    @Test
    void namesAreNeverLookedUp() {
        assertFalse(balancers.trusts("localhost"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("balancer.internal"));
    }

    @Test
    void aBadSettingIsRefusedWithWhatIsWrong() {
        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.parse("10.0.0.0/33"));
        assertTrue(prefix.getMessage().contains("10.0.0.0/33"), prefix.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/x"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0"));
    }
}
