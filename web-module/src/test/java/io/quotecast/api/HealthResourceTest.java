package io.quotecast.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HealthResourceTest {

    @Test
    void drainingIsAcceptedFromLoopbackAddressesOnly() {
        assertTrue(HealthResource.isLoopback("127.0.0.1"));
        assertTrue(HealthResource.isLoopback("127.3.2.1"));
        assertTrue(HealthResource.isLoopback("0:0:0:0:0:0:0:1"));
        assertTrue(HealthResource.isLoopback("::1"));
        assertFalse(HealthResource.isLoopback("10.0.0.7"));
        assertFalse(HealthResource.isLoopback("192.168.1.20"));
        assertFalse(HealthResource.isLoopback("fe80::1"));
        assertFalse(HealthResource.isLoopback(""));
        assertFalse(HealthResource.isLoopback(null));
        assertFalse(HealthResource.isLoopback("localhost"), "names are never looked up");
    }
}
