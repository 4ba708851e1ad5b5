package io.quotecast.bench.peer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.quotecast.bench.PeerFeed;
import io.quotecast.feed.PublishSchedule;

/**
 * Peer C: the JVM ceiling. A bare Netty WebSocket server (epoll) speaking the subscribe/quote
 * subset of protocol v1 with its own feed ({@link PeerFeed}, open-loop). Everything runs on ONE
 * event-loop thread (the server is pinned to one core): accepting, reading subscriptions and the
 * feed, so the subscriber lists need no locks. Each update becomes one complete WebSocket frame
 * (header and payload) in one direct buffer, written to every subscriber as a
 * {@code retainedDuplicate()}; each channel written to is flushed once per feed tick. A channel
 * whose outbound buffer is past the high water mark (the client is not keeping up) skips the
 * update, which its client sees as a seq gap, so memory stays bounded like Quotecast's conflation.
 */
public final class NettyPeer implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel server;
    private final PeerFeed feed = new PeerFeed();
    private final List<List<Channel>> subscribers = new ArrayList<>();
    private final PublishSchedule schedule;
    private final ScheduledFuture<?> ticks;
    private final List<Channel> touched = new ArrayList<>();
    private long skipped;

    private NettyPeer(String host, int port, double updatesPerSecond, int tickMillis) throws InterruptedException {
        for (int i = 0; i < feed.symbols().size(); i++) {
            subscribers.add(new ArrayList<>());
        }
        boolean epoll = Epoll.isAvailable();
        group = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/").checkStartsWith(true).allowExtensions(false)
                .maxFramePayloadLength(65_536).handleCloseFrames(true).build();
        server = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65_536),
                                new WebSocketServerProtocolHandler(ws), new PeerSession(NettyPeer.this));
                    }
                })
                .bind(new InetSocketAddress(host, port)).sync().channel();
        schedule = new PublishSchedule(updatesPerSecond, System.nanoTime());
        ticks = group.next().scheduleAtFixedRate(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    public static NettyPeer start(String host, int port, double updatesPerSecond, int tickMillis)
            throws InterruptedException {
        return new NettyPeer(host, port, updatesPerSecond, tickMillis);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    PeerFeed feed() {
        return feed;
    }

    /** On the event loop: the session asked for these symbol indexes. */
    void subscribe(Channel channel, List<Integer> symbols) {
        for (int i : symbols) {
            List<Channel> list = subscribers.get(i);
            if (!list.contains(channel)) {
                list.add(channel);
            }
        }
    }

    /** On the event loop: the session is gone. */
    void remove(Channel channel, List<Integer> symbols) {
        for (int i : symbols) {
            subscribers.get(i).remove(channel);
        }
    }

    private void tick() {
        int due = schedule.due(System.nanoTime());
        if (due == 0) {
            return;
        }
        ByteBufAllocator alloc = server.alloc();
        for (int n = 0; n < due; n++) {
            PeerFeed.Update update = feed.next(Instant.now());
            List<Channel> list = subscribers.get(update.symbol());
            if (list.isEmpty()) {
                continue;
            }
            ByteBuf frame = textFrame(alloc, update.json());
            for (int i = 0; i < list.size(); i++) {
                Channel channel = list.get(i);
                if (!channel.isWritable()) {
                    skipped++;
                    continue;
                }
                channel.write(frame.retainedDuplicate(), channel.voidPromise());
                if (!Boolean.TRUE.equals(channel.attr(PeerSession.TOUCHED).getAndSet(Boolean.TRUE))) {
                    touched.add(channel);
                }
            }
            frame.release();
        }
        for (Channel channel : touched) {
            channel.attr(PeerSession.TOUCHED).set(Boolean.FALSE);
            channel.flush();
        }
        touched.clear();
    }

    /** A complete unmasked server-to-client text frame: FIN + opcode 1, length, payload. */
    static ByteBuf textFrame(ByteBufAllocator alloc, String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        ByteBuf frame = alloc.directBuffer(payload.length + 4);
        frame.writeByte(0x81);
        if (payload.length < 126) {
            frame.writeByte(payload.length);
        } else if (payload.length < 65_536) {
            frame.writeByte(126).writeShort(payload.length);
        } else {
            throw new IllegalArgumentException("Frame too large for the peer: " + payload.length);
        }
        return frame.writeBytes(payload);
    }

    @Override
    public void close() {
        ticks.cancel(false);
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** {@code NettyPeer [--host 127.0.0.1] [--port 9302] [--rate 100] [--tick-ms 10] [--max-seconds 7200]}. */
    public static void main(String[] args) throws Exception {
        io.quotecast.bench.Args options = new io.quotecast.bench.Args(args);
        String host = options.text("host", "127.0.0.1");
        int port = options.integer("port", 9302);
        double rate = options.decimal("rate", 100);
        int tick = options.integer("tick-ms", 10);
        long maxSeconds = options.integer("max-seconds", 7200);
        try (NettyPeer peer = start(host, port, rate, tick)) {
            System.out.println("Netty peer listening on " + host + ":" + peer.port() + ", " + rate + " updates/s, "
                    + (Epoll.isAvailable() ? "epoll" : "nio"));
            // Bounded: the peer ends by itself even if whoever started it does not.
            Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
        }
    }
}
