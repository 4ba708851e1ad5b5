package io.quotecast.push;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;

/** Outboxes for tests of the subscription index: filed under a lane, writing nowhere. */
final class SilentOutboxes {

    private SilentOutboxes() {
    }

    /** An outbox whose writes belong on {@code lane} (null: on the caller's thread) and are never sent or completed. */
    static Outbox onLane(Lane lane, PushStats stats) {
        return new Outbox(new Outbox.Transport() {
            @Override
            public void send(String frame, SendHandler done) {
            }

            @Override
            public void close(CloseReason reason) {
            }

            @Override
            public Lane lane() {
                return lane;
            }
        }, 8, stats);
    }
}
