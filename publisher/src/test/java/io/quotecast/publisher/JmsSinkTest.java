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

    @Test
    void theUrlIsPrintedWithoutItsPasswords() {
        assertEquals("tcp://h:8443?sslEnabled=true&trustStorePath=/t.p12&trustStorePassword=****&keyStorePassword=****&x=1",
                JmsSink.withPasswordsHidden(
                        "tcp://h:8443?sslEnabled=true&trustStorePath=/t.p12&trustStorePassword=s3cret&keyStorePassword=k=2&x=1"));
        assertEquals("tcp://h:1?password=****", JmsSink.withPasswordsHidden("tcp://h:1?password=p"));
        assertEquals("tcp://h:1?ha=true", JmsSink.withPasswordsHidden("tcp://h:1?ha=true"));
    }
}
