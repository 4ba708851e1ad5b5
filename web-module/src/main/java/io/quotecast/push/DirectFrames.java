package io.quotecast.push;

import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.WriteReadyHandler;

import io.undertow.server.protocol.framed.AbstractFramedChannel;
import io.undertow.websockets.core.WebSocketChannel;

/**
 * Puts a {@link DirectFrameConduit} on top of an Undertow WebSocket connection's outbound
 * conduits. Undertow reaches its connection only through a protected method
 * ({@code AbstractFramedChannel.getUnderlyingConnection()}), so it is called by reflection;
 * where that fails (another Undertow, a security manager), the connection keeps Undertow's own
 * framing, which {@code /api/stats} shows ({@code directFrames} stays 0), and the reason is
 * logged at FINE.
 */
final class DirectFrames {

    private static final Logger LOG = Logger.getLogger(DirectFrames.class.getName());

    private DirectFrames() {
    }

    /** On the channel's I/O thread: its conduit, put in now if not before; null where it cannot be. */
    static DirectFrameConduit install(WebSocketChannel channel) {
        try {
            Method underlying = AbstractFramedChannel.class.getDeclaredMethod("getUnderlyingConnection");
            underlying.setAccessible(true);
            StreamConnection connection = (StreamConnection) underlying.invoke(channel);
            ConduitStreamSinkChannel sink = connection.getSinkChannel();
            StreamSinkConduit top = sink.getConduit();
            if (top instanceof DirectFrameConduit installed) {
                return installed;
            }
            DirectFrameConduit conduit = new DirectFrameConduit(top,
                    new WriteReadyHandler.ChannelListenerHandler<>(sink), () -> IoUtils.safeClose(channel),
                    DirectFrameConduit.Timer.of(channel.getIoThread()));
            sink.setConduit(conduit);
            return conduit;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "Undertow's connection is out of reach: its frames stay Undertow's", e);
            return null;
        }
    }
}
