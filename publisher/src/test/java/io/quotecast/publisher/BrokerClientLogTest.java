package io.quotecast.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class BrokerClientLogTest {

    @Test
    void aRecordIsOneLineWithItsCausesAndNoStackTrace() {
        LogRecord record = new LogRecord(Level.SEVERE, "AMQ214016: Failed to create netty connection");
        record.setThrown(new IllegalStateException("javax.net.ssl.SSLHandshakeException: PKIX path building failed",
                new IllegalStateException("PKIX path building failed")));

        assertEquals("publisher: broker client SEVERE: AMQ214016: Failed to create netty connection: "
                + "javax.net.ssl.SSLHandshakeException: PKIX path building failed" + System.lineSeparator(),
                new BrokerClientLog().format(record));
    }

    @Test
    void aRecordWithoutAnExceptionIsItsMessage() {
        LogRecord record = new LogRecord(Level.WARNING, "AMQ212037: Connection failure to {0} has been detected");
        record.setParameters(new Object[] {"/127.0.0.1:61716"});

        assertEquals("publisher: broker client WARNING: AMQ212037: Connection failure to /127.0.0.1:61716 has been detected"
                + System.lineSeparator(), new BrokerClientLog().format(record));
    }
}
