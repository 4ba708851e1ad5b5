package io.quotecast.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens {@link LoadSettings#connections()} WebSocket clients (Netty, epoll where the platform has
 * it), lets each subscribe, and measures windows of what they receive. Bounded: at most
 * {@code handshakesInFlight} handshakes at once, every wait has a deadline, and {@link #close}
 * ends every connection and thread it made. Made {@link Reconnecting}, a client whose connection
 * ends comes back as the page would, and the generator counts who is live on which node and how
 * long each took to come back.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final int MAX_SYMBOLS = 1024;

    private final LoadSettings settings;
    private final Reconnecting reconnecting;
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final Map<EventLoop, LoopStats> stats = new ConcurrentHashMap<>();
    private final Map<List<String>, SymbolTable> tables = new ConcurrentHashMap<>();
    private final List<ClientHandler> clients = new ArrayList<>();
    private final Semaphore handshakes;
    private final AtomicInteger subscribed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger endedAfterSubscribing = new AtomicInteger();
    private final AtomicInteger stalledEnded = new AtomicInteger();
    private final Map<ClientHandler, Boolean> settled = new ConcurrentHashMap<>();
    private final AtomicInteger reconnections = new AtomicInteger();
    /** From losing a connection to being subscribed again, per comeback, in milliseconds. */
    private final Histogram comebackMillis = new SynchronizedHistogram(3_600_000L, 3);
    private final AtomicReference<Losses> losses = new AtomicReference<>(Losses.NONE);
    private volatile boolean closing;
    private Bootstrap bootstrap;
    private InetSocketAddress remote;

    public LoadGenerator(LoadSettings settings) {
        this(settings, null);
    }

    /** Clients that come back when their connection ends ({@code reconnecting} null: they do not). */
    public LoadGenerator(LoadSettings settings, Reconnecting reconnecting) {
        this.settings = settings;
        this.reconnecting = reconnecting;
        this.handshakes = new Semaphore(settings.handshakesInFlight());
        if (Epoll.isAvailable()) {
            group = settings.readPoll().isZero() ? new EpollEventLoopGroup(settings.threads())
                    : new EpollEventLoopGroup(settings.threads(), new PollingSelectStrategy(settings.readPoll()));
            channelType = EpollSocketChannel.class;
        } else {
            group = new NioEventLoopGroup(settings.threads());
            channelType = NioSocketChannel.class;
        }
    }

    public static String transport() {
        return Epoll.isAvailable() ? "epoll" : "nio";
    }

    /** Opens every connection; returns how many subscribed before the connect timeout. */
    public int open() throws InterruptedException {
        String host = settings.uri().getHost();
        int port = settings.uri().getPort() > 0 ? settings.uri().getPort() : 80;
        remote = new InetSocketAddress(host, port);
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        bootstrap = new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        for (int i = 0; i < settings.connections(); i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !handshakes.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                break;
            }
            ClientHandler client = client(i, 0, 0);
            synchronized (clients) {
                clients.add(client);
            }
            connect(client);
        }
        while (subscribed.get() + failed.get() < clientCount() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return subscribed.get();
    }

    private ClientHandler client(int number, int attempt, long lostAt) {
        return new ClientHandler(number, attempt, lostAt, settings,
                symbols -> tables.computeIfAbsent(List.copyOf(symbols), SymbolTable::new), this::statsOf, events());
    }

    /** Connects {@code client}, which holds a handshake permit. */
    private void connect(ClientHandler client) {
        InetSocketAddress local = new InetSocketAddress(
                "127.0.0." + (settings.firstAddress() + client.number % settings.sourceAddresses()), 0);
        bootstrap.clone().handler(initializer(client)).connect(remote, local).addListener(f -> {
            if (!f.isSuccess()) {
                settle(client, false);
                comeBackLater(client);
            }
        });
    }

    /** A client whose connection ended (or never opened) tries again after the backoff, unless the generator is done. */
    private void comeBackLater(ClientHandler lost) {
        if (reconnecting == null || closing || lost.closedByGenerator) {
            return;
        }
        int attempt = lost.isSubscribed() ? 0 : lost.attempt + 1;
        long lostAt = lost.lostAt != 0 && !lost.isSubscribed() ? lost.lostAt : System.nanoTime();
        if (lost.isSubscribed()) {
            losses.updateAndGet(so -> so.and(lostAt));
        }
        group.next().schedule(() -> comeBack(lost.number, attempt, lostAt),
                reconnecting.delayMillis(attempt), TimeUnit.MILLISECONDS);
    }

    private void comeBack(int number, int attempt, long lostAt) {
        if (closing) {
            return;
        }
        if (!handshakes.tryAcquire()) {
            group.next().schedule(() -> comeBack(number, attempt, lostAt), 50, TimeUnit.MILLISECONDS);
            return;
        }
        ClientHandler client = client(number, attempt, lostAt);
        synchronized (clients) {
            clients.set(number, client);
        }
        reconnections.incrementAndGet();
        connect(client);
    }

    private ChannelInitializer<SocketChannel> initializer(ClientHandler client) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        // ws://user:password@host/... logs in with HTTP Basic, for a server that is not in demo mode.
        if (settings.uri().getUserInfo() != null) {
            headers.add("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(settings.uri().getUserInfo().getBytes(StandardCharsets.UTF_8)));
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(settings.uri())
                .version(WebSocketVersion.V13)
                .allowExtensions(false)
                .customHeaders(headers)
                .maxFramePayloadLength(1 << 20)
                .handleCloseFrames(false)
                .generateOriginHeader(false)
                .handshakeTimeoutMillis(60_000)
                .build();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65_536));
                if (reconnecting != null && reconnecting.nodeHeader() != null) {
                    channel.pipeline().addLast(new NodeOfHandshake(client, reconnecting.nodeHeader()));
                }
                channel.pipeline().addLast(new WebSocketClientProtocolHandler(config), client);
            }
        };
    }

    private ClientHandler.Events events() {
        return new ClientHandler.Events() {
            @Override
            public void subscribed(ClientHandler client) {
                settle(client, true);
                if (client.lostAt != 0) {
                    comebackMillis.recordValue(Math.min(comebackMillis.getHighestTrackableValue(),
                            (System.nanoTime() - client.lostAt) / 1_000_000));
                }
            }

            @Override
            public void ended(ClientHandler client) {
                if (!settle(client, false)) {
                    endedAfterSubscribing.incrementAndGet();
                    if (client.everStalled) {
                        stalledEnded.incrementAndGet();
                    }
                }
                comeBackLater(client);
            }
        };
    }

    /** The first outcome of a client's connection counts; returns false when it had one already. */
    private boolean settle(ClientHandler client, boolean ok) {
        if (settled.putIfAbsent(client, ok) != null) {
            return false;
        }
        (ok ? subscribed : failed).incrementAndGet();
        handshakes.release();
        return true;
    }

    private LoopStats statsOf(ChannelHandlerContext context) {
        return stats.computeIfAbsent(context.channel().eventLoop(), loop -> new LoopStats(MAX_SYMBOLS));
    }

    private int clientCount() {
        synchronized (clients) {
            return clients.size();
        }
    }

    public int subscribed() {
        return subscribed.get();
    }

    public int failed() {
        return failed.get();
    }

    /** Connections open now: subscribed and not ended since. */
    public int open_() {
        return subscribed.get() - endedAfterSubscribing.get();
    }

    /** Live clients (subscribed, connection open) by the node that answered their handshake ("?" where none said). */
    public Map<String, Integer> liveByNode() {
        Map<String, Integer> live = new TreeMap<>();
        synchronized (clients) {
            for (ClientHandler client : clients) {
                if (client.live) {
                    live.merge(Objects.requireNonNullElse(client.node, "?"), 1, Integer::sum);
                }
            }
        }
        return live;
    }

    /** Live clients that have had a quote since they subscribed on their current connection. */
    public int liveAndQuoted() {
        int count = 0;
        synchronized (clients) {
            for (ClientHandler client : clients) {
                if (client.live && client.quoted) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Connections opened to replace one that ended (every try, failed ones included). */
    public int reconnections() {
        return reconnections.get();
    }

    /** Live connections lost since the last call (or the start), and when; counting starts again. */
    public Losses takeLosses() {
        return losses.getAndSet(Losses.NONE);
    }

    /** For each comeback so far, the milliseconds from losing the connection to being subscribed again. */
    public Histogram comebackMillis() {
        return comebackMillis.copy();
    }

    /** How many of the clients made to stop reading were then closed (by the server, as no one else closes them). */
    public int stalledClosed() {
        return stalledEnded.get();
    }

    /** Measures for {@code duration} (the clients keep running before and after). */
    public Window measure(Duration duration) throws InterruptedException {
        Measuring window = startMeasuring();
        Thread.sleep(duration.toMillis());
        return window.stop();
    }

    /** Starts a window now, for a caller that ends it on an event of its own rather than after a fixed time. */
    public Measuring startMeasuring() throws InterruptedException {
        onEveryLoop(s -> {
            s.reset();
            return null;
        });
        long[] before = mergedMaxSeq(onEveryLoop(LoopStats::snapshot));
        return new Measuring(before, processCpuNanos(), System.nanoTime());
    }

    /** A window under way ({@link #startMeasuring}): what the clients counted since its start. */
    public final class Measuring {
        private final long[] before;
        private final long cpuBefore;
        private final long start;

        private Measuring(long[] before, long cpuBefore, long start) {
            this.before = before;
            this.cpuBefore = cpuBefore;
            this.start = start;
        }

        /** Ends the window: what happened between its start and now. */
        public Window stop() throws InterruptedException {
            return window(before, cpuBefore, start);
        }
    }

    private Window window(long[] before, long cpuBefore, long start) throws InterruptedException {
        List<LoopStats.Snapshot> after = onEveryLoop(LoopStats::snapshot);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpuBefore) / 1e9 / seconds;
        long[] seqAfter = mergedMaxSeq(after);
        long advanced = 0;
        for (int i = 0; i < seqAfter.length; i++) {
            if (before[i] > 0) {
                advanced += seqAfter[i] - before[i];
            }
        }
        Histogram latency = new Histogram(600_000_000L, 3);
        long quotes = 0, stalled = 0, gaps = 0, dups = 0, reorders = 0, errors = 0, unparsable = 0;
        Map<String, Long> errorCodes = new TreeMap<>();
        Map<Integer, Long> closeCodes = new TreeMap<>();
        for (LoopStats.Snapshot s : after) {
            latency.add(s.latency());
            quotes += s.quotes();
            stalled += s.stalledQuotes();
            gaps += s.gaps();
            dups += s.duplicates();
            reorders += s.reorders();
            errors += s.errors();
            unparsable += s.unparsable();
            s.errorCodes().forEach((k, v) -> errorCodes.merge(k, v, Long::sum));
            s.closeCodes().forEach((k, v) -> closeCodes.merge(k, v, Long::sum));
        }
        return new Window(seconds, settings.connections(), open_(), quotes, stalled, gaps, dups, reorders, errors,
                unparsable, errorCodes, closeCodes, advanced / seconds, latency, cpu);
    }

    /** Makes every {@code 1/fraction}-th client stop reading its socket; returns how many. */
    public int stall(double fraction) {
        int every = (int) Math.max(1, Math.round(1 / fraction));
        int count = 0;
        synchronized (clients) {
            for (int i = 0; i < clients.size(); i += every) {
                ClientHandler client = clients.get(i);
                if (client.context == null) {
                    continue;
                }
                client.everStalled = true;
                client.stalled = true;
                Channel channel = client.context.channel();
                channel.eventLoop().execute(() -> channel.config().setAutoRead(false));
                count++;
            }
        }
        return count;
    }

    /** Lets stalled clients read again. */
    public void resume() {
        synchronized (clients) {
            for (ClientHandler client : clients) {
                if (client.stalled && client.context != null) {
                    client.stalled = false;
                    Channel channel = client.context.channel();
                    channel.eventLoop().execute(() -> channel.config().setAutoRead(true));
                }
            }
        }
    }

    private <T> List<T> onEveryLoop(java.util.function.Function<LoopStats, T> task) throws InterruptedException {
        List<T> results = new ArrayList<>();
        for (Map.Entry<EventLoop, LoopStats> entry : stats.entrySet()) {
            Callable<T> call = () -> task.apply(entry.getValue());
            try {
                results.add(entry.getKey().submit(call).get(30, TimeUnit.SECONDS));
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Event loop did not answer", e);
            }
        }
        return results;
    }

    private static long[] mergedMaxSeq(List<LoopStats.Snapshot> snapshots) {
        long[] merged = new long[MAX_SYMBOLS];
        for (LoopStats.Snapshot s : snapshots) {
            for (int i = 0; i < merged.length; i++) {
                merged[i] = Math.max(merged[i], s.maxSeq()[i]);
            }
        }
        return merged;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Override
    public void close() {
        closing = true;
        synchronized (clients) {
            for (ClientHandler client : clients) {
                client.closeQuietly();
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
    }

    /** Notes which node answered a client's handshake (the balancer's response header), then steps aside. */
    private static final class NodeOfHandshake extends ChannelInboundHandlerAdapter {
        private final ClientHandler client;
        private final String header;

        NodeOfHandshake(ClientHandler client, String header) {
            this.client = client;
            this.header = header;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof FullHttpResponse response) {
                client.node = response.headers().get(header);
                ctx.pipeline().remove(this);
            }
            ctx.fireChannelRead(message);
        }
    }
}
