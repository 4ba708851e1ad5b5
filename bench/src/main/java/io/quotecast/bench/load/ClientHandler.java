package io.quotecast.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One benchmark client: on {@code welcome} it subscribes to its share of the symbols; it then
 * checks every quote's seq against the last one of its symbol (a gap is an update the server
 * conflated or lost; an equal seq a duplicate, a lower one a reordering) and records its latency,
 * now minus the quote's {@code time}. Runs on its channel's event loop only.
 */
final class ClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    static final int ABNORMAL_CLOSURE = 1006;
    /** How long the server has to close the connection after the close handshake before the client does. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    interface Events {
        void subscribed(ClientHandler client);

        void ended(ClientHandler client);
    }

    final int number;
    /** Failed tries since this client was last subscribed, this connection included. */
    final int attempt;
    /** When the client lost its previous connection (nanoTime), or 0 for its first. */
    final long lostAt;
    private final List<String> chosenFrom;
    private final int symbolsPerClient;
    private final int maxRate;
    private final boolean batch;
    private final Function<List<String>, SymbolTable> tables;
    private final Function<ChannelHandlerContext, LoopStats> statsOfLoop;
    private final Events events;
    private LoopStats stats;
    private SymbolTable table;
    private long[] lastSeq;
    private boolean subscribed;
    private boolean ended;
    /** Subscribed and not ended: read from other threads to count who is live. */
    volatile boolean live;
    /** A quote has arrived since this connection subscribed. */
    volatile boolean quoted;
    /** The node that answered the handshake, where the balancer says so. */
    volatile String node;
    /** The generator ended the connection itself: nothing to come back from. */
    volatile boolean closedByGenerator;
    /** Whether the connection's end was announced, by the server's close frame or by the generator closing it. */
    private volatile boolean closeExpected;
    /** Set while the client deliberately stops reading (slow-consumer workload); quotes after it are not latency samples. */
    volatile boolean stalled;
    volatile boolean everStalled;
    ChannelHandlerContext context;

    ClientHandler(int number, int attempt, long lostAt, LoadSettings settings, Function<List<String>, SymbolTable> tables,
                  Function<ChannelHandlerContext, LoopStats> statsOfLoop, Events events) {
        this.number = number;
        this.attempt = attempt;
        this.lostAt = lostAt;
        this.chosenFrom = settings.symbols();
        this.symbolsPerClient = settings.symbolsPerClient();
        this.maxRate = settings.maxRate();
        this.batch = settings.batch();
        this.tables = tables;
        this.statsOfLoop = statsOfLoop;
        this.events = events;
    }

    boolean isSubscribed() {
        return subscribed;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        stats = statsOfLoop.apply(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        // Nothing to send on the handshake: the server speaks first (welcome).
        if (event != WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            closeExpected = true;
            stats.closeCodes.merge(close.statusCode(), 1L, Long::sum);
            // Answered with a close frame, as RFC 6455 asks and browsers do, leaving the server to
            // close the connection first; closed here only if it does not within the wait.
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), null))
                    .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            ctx.executor().schedule(() -> ctx.close(), CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            return;
        }
        if (!(frame instanceof TextWebSocketFrame)) {
            return;
        }
        ByteBuf content = frame.content();
        int length = content.readableBytes();
        if (stats.scratch.length < length) {
            stats.scratch = new byte[Integer.highestOneBit(length) << 1];
        }
        byte[] b = stats.scratch;
        content.getBytes(content.readerIndex(), b, 0, length);
        switch (Frames.type(b, length)) {
            case QUOTE -> quote(b, length, Frames.TYPE.length);
            case QUOTES -> {
                // Quotecast's batched quotes: {"type":"quotes","quotes":[{quote},{quote},...]}
                int at = Frames.TYPE.length;
                while (at > 0 && at < length) {
                    at = quote(b, length, at);
                }
            }
            case SNAPSHOT -> snapshot(b, length);
            case SUBSCRIBED -> {
                if (!subscribed) {
                    subscribed = true;
                    live = true;
                    events.subscribed(this);
                }
            }
            case WELCOME -> subscribe(ctx, b, length);
            case ERROR -> {
                stats.errors++;
                stats.errorCodes.merge(Frames.errorCode(b, length), 1L, Long::sum);
            }
            default -> { }
        }
    }

    private void subscribe(ChannelHandlerContext ctx, byte[] b, int length) {
        table = tables.apply(chosenFrom.isEmpty() ? Frames.welcomeSymbols(b, length) : chosenFrom);
        lastSeq = new long[table.size()];
        int universe = table.size();
        int count = Math.min(symbolsPerClient, universe);
        StringBuilder request = new StringBuilder("{\"type\":\"subscribe\",\"symbols\":[");
        for (int j = 0; j < count; j++) {
            int index = (number + j * (universe / count)) % universe;
            request.append(j == 0 ? "\"" : ",\"").append(table.symbols().get(index)).append('"');
        }
        request.append(']');
        if (maxRate > 0) {
            request.append(",\"maxRate\":").append(maxRate);
        }
        if (batch) {
            request.append(",\"batch\":true");
        }
        ctx.writeAndFlush(new TextWebSocketFrame(request.append('}').toString()));
    }

    /** Reads the quote whose symbol is the next after {@code from}; where to look for the next one, or -1. */
    private int quote(byte[] b, int length, int from) {
        int symbolStart = Frames.after(b, length, from, Frames.SYMBOL);
        if (symbolStart < 0 && from > Frames.TYPE.length) {
            return -1; // the end of a batch
        }
        int symbolEnd = symbolStart < 0 ? -1 : Frames.indexOf(b, length, symbolStart, (byte) '"');
        int index = symbolEnd < 0 || table == null ? -1 : table.indexOf(b, symbolStart, symbolEnd);
        int seqAt = index < 0 ? -1 : Frames.after(b, length, symbolEnd, Frames.SEQ);
        long seq = seqAt < 0 ? -1 : Frames.number(b, length, seqAt);
        int timeAt = seq < 0 ? -1 : Frames.after(b, length, seqAt, Frames.TIME);
        long time = timeAt < 0 || timeAt + 24 > length ? -1 : stats.times.parse(b, timeAt);
        if (time < 0) {
            stats.unparsable++;
            return -1;
        }
        long now = System.currentTimeMillis();
        check(index, seq);
        if (!quoted) {
            quoted = true;
        }
        if (everStalled) {
            stats.stalledQuotes++;
        } else {
            stats.quotes++;
            stats.latency.recordValue(Math.max(0, now - time) * 1000);
        }
        return timeAt + 24;
    }

    private void check(int index, long seq) {
        long last = lastSeq[index];
        if (last != 0) {
            if (seq == last) {
                stats.duplicates++;
            } else if (seq < last) {
                stats.reorders++;
            } else if (seq > last + 1) {
                stats.gaps += seq - last - 1;
            }
        }
        if (seq > last) {
            lastSeq[index] = seq;
        }
        if (index < stats.maxSeq.length && seq > stats.maxSeq[index]) {
            stats.maxSeq[index] = seq;
        }
    }

    /** The snapshot sets where each symbol's seq starts; it is not a delivery of an update. */
    private void snapshot(byte[] b, int length) {
        stats.snapshots++;
        int i = Frames.TYPE.length;
        while ((i = Frames.after(b, length, i, Frames.SYMBOL)) > 0) {
            int end = Frames.indexOf(b, length, i, (byte) '"');
            int index = end < 0 || table == null ? -1 : table.indexOf(b, i, end);
            int seqAt = index < 0 ? -1 : Frames.after(b, length, end, Frames.SEQ);
            long seq = seqAt < 0 ? -1 : Frames.number(b, length, seqAt);
            if (seq > lastSeq[Math.max(index, 0)] && index >= 0) {
                lastSeq[index] = seq;
            }
            i = Math.max(end, i);
        }
    }

    /** The generator closes the connection itself (end of a step): not a close to count. */
    void closeQuietly() {
        closedByGenerator = true;
        closeExpected = true;
        if (context != null) {
            context.channel().close();
        }
    }

    /**
     * A connection that ends without a close frame (the server or the network dropped it, or
     * what the server sent could not be decoded) counts as 1006, the code RFC 6455 reserves for
     * that; it would otherwise only show as fewer open connections.
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!closeExpected) {
            closeExpected = true;
            stats.closeCodes.merge(ABNORMAL_CLOSURE, 1L, Long::sum);
        }
        end();
        super.channelInactive(ctx);
    }

    /** Why a connection failed is said once per kind of failure and event loop, with the count left to 1006. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (stats.failuresSeen.add(cause.getClass().getName() + ": " + cause.getMessage())) {
            System.err.println("client " + number + " failed: " + cause);
        }
        ctx.close();
        end();
    }

    private void end() {
        if (!ended) {
            ended = true;
            live = false;
            events.ended(this);
        }
    }
}
