package io.quotecast.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JmsSinkTest {

    @Test
    void theClientReconnectsForEverUnlessTheUrlSaysOtherwise() {
        assertEquals("tcp://127.0.0.1:61716?" + JmsSink.RECONNECT, JmsSink.withReconnect("tcp://127.0.0.1:61716"));
        assertEquals("tcp://h:1?ha=true&" + JmsSink.RECONNECT, JmsSink.withReconnect("tcp://h:1?ha=true"));
        assertEquals("tcp://h:1?reconnectAttempts=3", JmsSink.withReconnect("tcp://h:1?reconnectAttempts=3"));
    }
}
