package io.quotecast.push;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.ChannelPipe;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.WriteReadyHandler;

import io.undertow.conduits.BytesSentStreamSinkConduit;
import io.undertow.conduits.IdleTimeoutConduit;
import io.undertow.conduits.WriteTimeoutStreamSinkConduit;

/**
 * Where direct frames are written: under Undertow's timeout conduits, on a real XNIO connection
 * (an in-process pipe) carrying the conduits an Undertow listener puts on its sockets.
 */
class DirectFramesTest {

    private XnioWorker worker;
    private StreamConnection connection;
    private ConduitStreamSinkChannel sink;
    private StreamSinkConduit socket;

    @BeforeEach
    void connect() throws Exception {
        worker = Xnio.getInstance().createWorker(OptionMap.EMPTY);
        ChannelPipe<StreamConnection, StreamConnection> pipe = worker.createFullDuplexPipeConnection();
        connection = pipe.getLeftSide();
        sink = connection.getSinkChannel();
        socket = sink.getConduit();
    }

    @AfterEach
    void close() {
        worker.shutdownNow();
    }

    /** What an Undertow listener with a write timeout and the idle-timeout conduit puts on top of the socket. */
    private IdleTimeoutConduit listenerConduitsOver(StreamSinkConduit below) {
        sink.setConduit(new WriteTimeoutStreamSinkConduit(below, connection, null));
        return new IdleTimeoutConduit(connection);
    }

    @Test
    void framesSkipTheTimeoutConduitsAndGoThroughTheIdleOneOnlyWhileItHasATimeout() {
        IdleTimeoutConduit top = listenerConduitsOver(socket);

        DirectFrameConduit.Path path = DirectFrames.pathUnder(top);

        assertSame(socket, path.sink());
        assertSame(top, path.idle());
        DirectFrameConduit conduit = new DirectFrameConduit(top, path, new WriteReadyHandler.ChannelListenerHandler<>(sink),
                () -> { }, (millis, task) -> () -> { });
        assertSame(socket, conduit.frameSink(), "no idle timeout: nothing to tell it");
        top.setIdleTimeout(60_000);
        assertSame(top, conduit.frameSink(), "an idle timeout set since (a session's maxIdleTimeout) sees the frames");
        top.setIdleTimeout(0);
        assertSame(socket, conduit.frameSink());
    }

    @Test
    void theListenersStatisticsStayOnThePath() {
        BytesSentStreamSinkConduit statistics = new BytesSentStreamSinkConduit(socket, bytes -> { });
        IdleTimeoutConduit top = listenerConduitsOver(statistics);

        assertSame(statistics, DirectFrames.pathUnder(top).sink());
    }

    @Test
    void anyOtherConduitOnTopIsWhereFramesGo() {
        DirectFrameConduit.Path path = DirectFrames.pathUnder(socket);

        assertSame(socket, path.sink());
        assertNull(path.idle());
    }
}
