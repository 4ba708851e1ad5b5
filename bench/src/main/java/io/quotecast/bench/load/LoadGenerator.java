package io.quotecast.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
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
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens {@link LoadSettings#connections()} WebSocket clients (Netty, epoll where the platform has
 * it), lets each subscribe, and measures windows of what they receive. Bounded: at most
 * {@code handshakesInFlight} handshakes at once, every wait has a deadline, and {@link #close}
 * ends every connection and thread it made.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final int MAX_SYMBOLS = 1024;

    private final LoadSettings settings;
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

    public LoadGenerator(LoadSettings settings) {
        this.settings = settings;
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
        InetSocketAddress remote = new InetSocketAddress(host, port);
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        for (int i = 0; i < settings.connections(); i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !handshakes.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                break;
            }
            ClientHandler client = new ClientHandler(i, settings.symbolsPerClient(), settings.maxRate(), settings.batch(),
                    symbols -> tables.computeIfAbsent(List.copyOf(symbols), SymbolTable::new), this::statsOf, events());
            synchronized (clients) {
                clients.add(client);
            }
            InetSocketAddress local = new InetSocketAddress(
                    "127.0.0." + (settings.firstAddress() + i % settings.sourceAddresses()), 0);
            bootstrap.clone().handler(initializer(client)).connect(remote, local).addListener(f -> {
                if (!f.isSuccess()) {
                    settle(client, false);
                }
            });
        }
        while (subscribed.get() + failed.get() < clientCount() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return subscribed.get();
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
                channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65_536),
                        new WebSocketClientProtocolHandler(config), client);
            }
        };
    }

    private ClientHandler.Events events() {
        return new ClientHandler.Events() {
            @Override
            public void subscribed(ClientHandler client) {
                settle(client, true);
            }

            @Override
            public void ended(ClientHandler client) {
                if (!settle(client, false)) {
                    endedAfterSubscribing.incrementAndGet();
                    if (client.everStalled) {
                        stalledEnded.incrementAndGet();
                    }
                }
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
        synchronized (clients) {
            for (ClientHandler client : clients) {
                client.closeQuietly();
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
    }
}
