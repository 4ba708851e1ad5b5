package io.quotecast.fallback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import io.quotecast.guard.ConnectionSlots;
import io.quotecast.guard.GuardStats;
import io.quotecast.protocol.ErrorCode;

/**
 * Puts SSE streams and held long polls under the same per-address and per-server caps as
 * WebSocket sessions, sharing their slots: a client that cannot open a WebSocket must not be
 * able to hold more of the server than one that can. A stream holds its slot while it is open, a
 * poll while it is held.
 */
@ApplicationScoped
public class FallbackSlots {

    private ConnectionSlots slots;
    private GuardStats stats;

    protected FallbackSlots() {
    }

    @Inject
    public FallbackSlots(ConnectionSlots slots, GuardStats stats) {
        this.slots = slots;
        this.stats = stats;
    }

    /** Takes a slot for {@code address}, or refuses with 429 or 503 as the WebSocket handshake does. */
    Runnable acquire(String address) {
        switch (slots.acquire(address)) {
            case ADDRESS_FULL -> {
                stats.addressFull();
                throw new RefusedRequest(Response.Status.TOO_MANY_REQUESTS, ErrorCode.TOO_MANY_SESSIONS,
                        "Too many sessions from your address");
            }
            case SERVER_FULL -> {
                stats.serverFull();
                throw new RefusedRequest(Response.Status.SERVICE_UNAVAILABLE, ErrorCode.TOO_MANY_SESSIONS,
                        "Server is at its session limit; try another node or later");
            }
            case DRAINING -> {
                stats.drainingRefused();
                throw new RefusedRequest(Response.Status.SERVICE_UNAVAILABLE, ErrorCode.DRAINING,
                        "Node is draining: connect again, to another node");
            }
            default -> {
                return new Release(slots, address);
            }
        }
    }

    /** Gives the slot back once, however many times the end of a stream or poll is reported. */
    private static final class Release implements Runnable {
        private final ConnectionSlots slots;
        private final String address;
        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

        Release(ConnectionSlots slots, String address) {
            this.slots = slots;
            this.address = address;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                slots.release(address);
            }
        }
    }
}
