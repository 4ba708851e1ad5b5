package io.quotecast.push;

import jakarta.enterprise.context.ApplicationScoped;

import io.quotecast.config.Setting;

/** The push side's settings, read once at start. See the README's configuration table. */
@ApplicationScoped
public class PushSettings {

    private final int heartbeatSeconds;
    private final int maxMessageBytes;
    private final int maxSubscriptions;
    private final int maxQueuedReplies;
    private final int sendTimeoutMillis;
    private final int stuckAfterSeconds;
    private final int heartbeatMisses;
    private final boolean writeOnIoThread;
    private final boolean directFrames;

    public PushSettings() {
        this(Setting.integer("quotecast.heartbeat-seconds", 30, 1, 3600),
                Setting.integer("quotecast.max-message-bytes", 16_384, 256, 1_048_576),
                Setting.integer("quotecast.max-subscriptions", 100, 1, 100_000),
                Setting.integer("quotecast.max-queued-replies", 64, 8, 10_000),
                Setting.integer("quotecast.send-timeout-ms", 10_000, 0, 600_000),
                Setting.integer("quotecast.stuck-after-seconds", 30, 1, 3600),
                Setting.integer("quotecast.heartbeat-misses", 2, 1, 100),
                Setting.flag("quotecast.write-on-io-thread", true),
                Setting.flag("quotecast.direct-frames", true));
    }

    public PushSettings(int heartbeatSeconds, int maxMessageBytes, int maxSubscriptions,
                        int maxQueuedReplies, int sendTimeoutMillis) {
        this(heartbeatSeconds, maxMessageBytes, maxSubscriptions, maxQueuedReplies, sendTimeoutMillis, 30, 2);
    }

    public PushSettings(int heartbeatSeconds, int maxMessageBytes, int maxSubscriptions,
                        int maxQueuedReplies, int sendTimeoutMillis, int stuckAfterSeconds, int heartbeatMisses) {
        this(heartbeatSeconds, maxMessageBytes, maxSubscriptions, maxQueuedReplies, sendTimeoutMillis, stuckAfterSeconds,
                heartbeatMisses, true);
    }

    public PushSettings(int heartbeatSeconds, int maxMessageBytes, int maxSubscriptions, int maxQueuedReplies,
                        int sendTimeoutMillis, int stuckAfterSeconds, int heartbeatMisses, boolean writeOnIoThread) {
        this(heartbeatSeconds, maxMessageBytes, maxSubscriptions, maxQueuedReplies, sendTimeoutMillis, stuckAfterSeconds,
                heartbeatMisses, writeOnIoThread, true);
    }

    public PushSettings(int heartbeatSeconds, int maxMessageBytes, int maxSubscriptions, int maxQueuedReplies,
                        int sendTimeoutMillis, int stuckAfterSeconds, int heartbeatMisses, boolean writeOnIoThread,
                        boolean directFrames) {
        this.heartbeatSeconds = heartbeatSeconds;
        this.maxMessageBytes = maxMessageBytes;
        this.maxSubscriptions = maxSubscriptions;
        this.maxQueuedReplies = maxQueuedReplies;
        this.sendTimeoutMillis = sendTimeoutMillis;
        this.stuckAfterSeconds = stuckAfterSeconds;
        this.heartbeatMisses = heartbeatMisses;
        this.writeOnIoThread = writeOnIoThread;
        this.directFrames = directFrames;
    }

    /**
     * Whether quotes are written on the container thread that owns each connection, where the
     * container has one (Undertow on WildFly: {@link ContainerIoThread}); off, every write is
     * made from the feed's thread and handed over by the container, frame by frame.
     */
    public boolean writeOnIoThread() {
        return writeOnIoThread;
    }

    /**
     * Whether quotes written on a connection's I/O thread go to its socket as whole frames built
     * once per update ({@link DirectFrameConduit}) rather than through Undertow's framing per
     * session; only with {@link #writeOnIoThread()}, and only on Undertow.
     */
    public boolean directFrames() {
        return directFrames;
    }

    /** A session whose current write has been pending this long is not reading: closed with 1008. */
    public int stuckAfterSeconds() {
        return stuckAfterSeconds;
    }

    /** Heartbeat intervals without any frame from the peer (pongs included) before it is declared dead. */
    public int heartbeatMisses() {
        return heartbeatMisses;
    }

    /**
     * How long a WebSocket connection may stay without a byte from its peer before the container
     * cuts it (on WildFly; {@link UndertowReadTimeout}): above the longest silence the heartbeat
     * itself accepts, {@code heartbeat × (misses + 1)} doubled for a server that hears its clients
     * late, plus one interval for the sweep (each session is looked at once per interval) and one
     * of margin, so that the heartbeat, which says why it closes, always judges first. 240 s with
     * the defaults.
     */
    public int readTimeoutMillis() {
        return heartbeatSeconds * (2 * (heartbeatMisses + 1) + 2) * 1000;
    }

    /** Announced in welcome: how often a client should ping, and how often the server checks liveness. */
    public int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    /** Largest inbound message; a larger one closes the session with 1009. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** Most symbols one session may be subscribed to at once. */
    public int maxSubscriptions() {
        return maxSubscriptions;
    }

    /** Most replies (not quotes) that may wait for a client that is not reading. */
    public int maxQueuedReplies() {
        return maxQueuedReplies;
    }

    /** How long one frame may take to be written before the session is given up; 0: no container timeout. */
    public int sendTimeoutMillis() {
        return sendTimeoutMillis;
    }
}
