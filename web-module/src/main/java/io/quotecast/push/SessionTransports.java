package io.quotecast.push;

import jakarta.websocket.Session;

/**
 * Picks how a WebSocket session's outbox writes: through Undertow's own API where the container
 * is Undertow and writes go through its I/O threads ({@link UndertowTransport}), through the
 * standard asynchronous remote everywhere else ({@link SessionTransport}).
 */
final class SessionTransports {

    private SessionTransports() {
    }

    /**
     * {@code lane}: the connection's container thread, or null when writes do not use one;
     * {@code channel}: Undertow's channel of the session ({@link ContainerIoThread#channel}). A
     * session given Undertow's API is counted in {@code stats}, so that a deployment where it
     * silently is not (Undertow's classes not visible) shows in {@code /api/stats}. Whole frames
     * go straight to the socket ({@link DirectFrameConduit}) only where {@code settings} allow it
     * and the session negotiated no extension (an extension such as per-message deflate rewrites
     * every frame).
     */
    static Outbox.Transport of(Session session, PushSettings settings, Lane lane, Object channel, PushStats stats) {
        SessionTransport standard = new SessionTransport(session, settings.sendTimeoutMillis(), lane);
        if (lane == null || channel == null) {
            return standard;
        }
        try {
            boolean direct = settings.directFrames() && session.getNegotiatedExtensions().isEmpty();
            Outbox.Transport undertow = UndertowTransport.over(channel, standard,
                    session.getAsyncRemote().getSendTimeout(), lane.frameBytes(), direct, stats);
            if (undertow == null) {
                return standard;
            }
            stats.containerApiSession();
            return undertow;
        } catch (LinkageError e) {
            // Undertow's classes are not visible to this deployment: the standard API works anywhere.
            return standard;
        }
    }
}
