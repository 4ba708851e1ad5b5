package io.quotecast.bench.peer;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client of the Netty peer: welcome on connect, and for {@code subscribe}, {@code subscribed}
 * then a snapshot, then its symbols' quotes from the feed. {@code ping} gets a pong; anything else
 * is ignored (this is the benchmark's subset of protocol v1, not a server to expose).
 */
final class PeerSession extends SimpleChannelInboundHandler<TextWebSocketFrame> {

    static final AttributeKey<Boolean> TOUCHED = AttributeKey.valueOf("quotecast.touched");
    private static final AtomicLong IDS = new AtomicLong();

    private final NettyPeer peer;
    private final List<Integer> symbols = new ArrayList<>();

    PeerSession(NettyPeer peer) {
        this.peer = peer;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ctx.writeAndFlush(new TextWebSocketFrame(PeerProtocol.welcome("n" + IDS.incrementAndGet(),
                    peer.feed().symbols())));
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        String text = frame.text();
        if (text.contains("\"ping\"")) {
            ctx.writeAndFlush(new TextWebSocketFrame(PeerProtocol.pong(Instant.now())));
            return;
        }
        if (!text.contains("\"subscribe\"")) {
            return;
        }
        List<Integer> requested = PeerProtocol.symbolIndexes(text, peer.feed().symbols());
        peer.subscribe(ctx.channel(), requested);
        List<String> names = new ArrayList<>();
        for (int i : requested) {
            if (!symbols.contains(i)) {
                symbols.add(i);
            }
            names.add(peer.feed().symbols().get(i));
        }
        ctx.write(new TextWebSocketFrame(PeerProtocol.subscribed(names)));
        ctx.writeAndFlush(new TextWebSocketFrame(peer.feed().snapshotJson(requested, Instant.now())));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        peer.remove(ctx.channel(), symbols);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
