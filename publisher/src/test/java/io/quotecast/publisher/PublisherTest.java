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
    void anExceptionWithoutAMessageIsNamed() {
        assertEquals("java.lang.IllegalStateException", Publisher.reason(new IllegalStateException()));
    }
}
