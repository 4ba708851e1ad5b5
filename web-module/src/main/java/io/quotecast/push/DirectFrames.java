package io.quotecast.push;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.conduits.AbstractConduit;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.WriteReadyHandler;

import io.undertow.conduits.IdleTimeoutConduit;
import io.undertow.conduits.WriteTimeoutStreamSinkConduit;
import io.undertow.server.protocol.framed.AbstractFramedChannel;
import io.undertow.websockets.core.WebSocketChannel;

/**
 * Puts a {@link DirectFrameConduit} on top of an Undertow WebSocket connection's outbound
 * conduits. Undertow reaches its connection only through a protected method
 * ({@code AbstractFramedChannel.getUnderlyingConnection()}), so it is called by reflection;
 * where that fails (another Undertow, a security manager), the connection keeps Undertow's own
 * framing, which {@code /api/stats} shows ({@code directFrames} stays 0), and the reason is
 * logged at FINE.
 *
 * <p>Direct frames are written under Undertow's timeout conduits ({@link #pathUnder}): the
 * write timeout's, as a direct frame has a timeout of its own ({@link DirectFrameConduit}), and
 * the idle timeout's while the connection has none (it then does nothing but cost); while it has
 * one (a session's {@code maxIdleTimeout}) the frames take every conduit. The listener's other
 * conduits (statistics) stay on the path.
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
            DirectFrameConduit conduit = new DirectFrameConduit(top, pathUnder(top),
                    new WriteReadyHandler.ChannelListenerHandler<>(sink), () -> IoUtils.safeClose(channel),
                    DirectFrameConduit.Timer.of(channel.getIoThread()));
            sink.setConduit(conduit);
            return conduit;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "Undertow's connection is out of reach: its frames stay Undertow's", e);
            return null;
        }
    }

    /**
     * From {@code top} down, the first conduit that is none of Undertow's timeout conduits, and
     * the idle-timeout conduit passed on the way (null if none); {@code top} itself where the
     * chain cannot be read (then the frames take every conduit, as Undertow's do).
     */
    static DirectFrameConduit.Path pathUnder(StreamSinkConduit top) {
        try {
            Field next = AbstractConduit.class.getDeclaredField("next");
            next.setAccessible(true);
            Field idleSink = IdleTimeoutConduit.class.getDeclaredField("sink");
            idleSink.setAccessible(true);
            IdleTimeoutConduit idle = null;
            StreamSinkConduit conduit = top;
            while (true) {
                if (conduit instanceof WriteTimeoutStreamSinkConduit) {
                    conduit = (StreamSinkConduit) next.get(conduit);
                } else if (conduit instanceof IdleTimeoutConduit passed && idle == null) {
                    idle = passed;
                    conduit = (StreamSinkConduit) idleSink.get(conduit);
                } else {
                    return new DirectFrameConduit.Path(conduit, idle);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "Undertow's conduits are out of reach: direct frames take all of them", e);
            return new DirectFrameConduit.Path(top, null);
        }
    }
}
