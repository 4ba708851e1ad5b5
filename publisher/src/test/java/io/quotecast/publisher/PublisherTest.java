package io.quotecast.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;

import org.junit.jupiter.api.Test;

class PublisherTest {

    @Test
    void aConnectFailureSaysEachDistinctReasonDownTheCauseChainOnce() {
        JMSException wrapped = new JMSException("Failed to create session factory");
        wrapped.initCause(new IllegalStateException("AMQ219007: Cannot connect to server(s)."));
        JMSRuntimeException e = new JMSRuntimeException("Failed to create session factory", null, wrapped);

        assertEquals("Failed to create session factory: AMQ219007: Cannot connect to server(s).", Publisher.reason(e));
    }

    @Test
    void aCauseWhoseMessageTheWrapperAlreadyQuotesIsNotRepeated() {
        Exception handshake = new Exception("No subject alternative names present");
        Exception decoder = new Exception("javax.net.ssl.SSLHandshakeException: No subject alternative names present",
                handshake);

        assertEquals("javax.net.ssl.SSLHandshakeException: No subject alternative names present",
                Publisher.reason(decoder));
    }

    @Test
    void anExceptionWithoutAMessageIsNamed() {
        assertEquals("java.lang.IllegalStateException", Publisher.reason(new IllegalStateException()));
    }
}
