package io.quotecast.push;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.Set;

import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus's embedded Grizzly server container, listening on 127.0.0.1 only.
 *
 * <p>{@code org.glassfish.tyrus.server.Server} takes a host name but, in Tyrus 2.1.5, only uses it
 * in a log line: its {@code GrizzlyServerContainer} always binds {@code 0.0.0.0}. This is the same
 * container (same engine, same {@link WebSocketAddOn}, same worker-thread
 * I/O strategy) with the listener bound to loopback. Endpoints are still created
 * through Tyrus's {@code ComponentProviderService}, so {@link FixtureEndpointProvider} applies.
 */
final class LoopbackTyrusServer extends TyrusServerContainer {

    private static final String HOST = "127.0.0.1";

    private final WebSocketEngine engine = TyrusWebSocketEngine.builder(this).build();
    private volatile String contextPath;
    private volatile HttpServer http;
    private volatile NetworkListener listener;

    LoopbackTyrusServer(Class<?>... endpoints) {
        super(Set.of(endpoints));
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, contextPath);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    /** Port 0 asks the system for a free ephemeral port; {@link #getPort()} tells which. */
    @Override
    public void start(String contextPath, int port) throws IOException, DeploymentException {
        this.contextPath = contextPath;
        http = new HttpServer();
        listener = new NetworkListener("tyrus-loopback", HOST, port);
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.registerAddOn(webSocketAddOn(contextPath));
        listener.setTransport(TCPNIOTransportBuilder.newInstance()
                .setIOStrategy(WorkerThreadIOStrategy.getInstance()).build());
        http.addListener(listener);
        http.start();
        super.start(contextPath, listener.getPort());
    }

    /**
     * Tyrus's own add-on, which puts its WebSocket filter in front of Grizzly's HTTP filter. Its
     * constructor (and the filter class) are package-private, hence reflection.
     */
    private AddOn webSocketAddOn(String contextPath) throws DeploymentException {
        try {
            Constructor<WebSocketAddOn> constructor =
                    WebSocketAddOn.class.getDeclaredConstructor(ServerContainer.class, String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(this, contextPath);
        } catch (ReflectiveOperationException e) {
            throw new DeploymentException("Cannot create Tyrus's WebSocketAddOn", e);
        }
    }

    @Override
    public int getPort() {
        return listener.getPort();
    }

    @Override
    public void stop() {
        super.stop();
        if (http != null) {
            http.shutdownNow();
        }
    }
}
