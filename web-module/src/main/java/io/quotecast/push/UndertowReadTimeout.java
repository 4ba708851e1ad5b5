package io.quotecast.push;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.undertow.websockets.core.WebSocketChannel;
import org.xnio.Options;

/**
 * Sets the read timeout of a WebSocket connection on Undertow. WildFly's HTTP listener gives every
 * socket a read timeout (90 s by default), WebSockets included, and a client that only subscribes
 * sends nothing but its pongs. An overloaded server pings late and reads late, so at 19,000
 * clients past saturation it cut off thousands of healthy clients with {@code ReadTimeoutException}
 * and no close frame (docs/benchmarks.md, "Session 9"). Quotecast judges dead peers itself, by
 * its heartbeat and with the server's own lateness allowed for (docs/hardening.md), so the
 * container's timeout is moved above the longest silence that heartbeat accepts
 * ({@link PushSettings#readTimeoutMillis}) and stays only as a backstop. The rest of the
 * listener (plain HTTP) keeps its own.
 */
final class UndertowReadTimeout {

    private static final Logger LOG = Logger.getLogger(UndertowReadTimeout.class.getName());

    private UndertowReadTimeout() {
    }

    /** On Undertow's {@code channel} ({@link ContainerIoThread#channel}); false on any other container. */
    static boolean apply(Object channel, int millis) {
        if (!(channel instanceof WebSocketChannel undertow)) {
            return false;
        }
        try {
            undertow.setOption(Options.READ_TIMEOUT, millis);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "Could not set the read timeout of a WebSocket connection", e);
            return false;
        }
    }
}
