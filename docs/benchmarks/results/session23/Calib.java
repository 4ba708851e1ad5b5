import java.io.*;
import java.net.*;
import java.nio.ByteBuffer;
import java.nio.channels.*;
import java.util.SplittableRandom;

/** Machine probe on the current core: CPU loop, random memory access, loopback write+read. */
public class Calib {
    public static void main(String[] a) throws Exception {
        double cpu = 0, mem = 0, net = 0;
        for (int round = 0; round < 3; round++) {
            cpu = cpu();
            mem = mem();
            net = net();
        }
        System.out.printf(java.util.Locale.ROOT, "cpu %.3f ns/iter, mem %.1f ns/access, loopback %.2f us/msg%n", cpu, mem, net);
    }

    static long sink;

    static double cpu() {
        long n = 200_000_000L, x = 1;
        long t = System.nanoTime();
        for (long i = 0; i < n; i++) { x = x * 6364136223846793005L + 1442695040888963407L; }
        sink += x;
        return (System.nanoTime() - t) / (double) n;
    }

    static int[] next;
    static double mem() {
        int size = 64 << 20; // 64 Mi ints = 256 MB
        if (next == null) {
            next = new int[size];
            int[] perm = new int[size];
            for (int i = 0; i < size; i++) perm[i] = i;
            SplittableRandom r = new SplittableRandom(42);
            for (int i = size - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
            for (int i = 0; i < size; i++) next[perm[i]] = perm[(i + 1) % size];
        }
        int p = 0, n = 10_000_000;
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) p = next[p];
        sink += p;
        return (System.nanoTime() - t) / (double) n;
    }

    static double net() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            try (SocketChannel out = SocketChannel.open(server.getLocalAddress()); SocketChannel in = server.accept()) {
                out.socket().setTcpNoDelay(true);
                ByteBuffer msg = ByteBuffer.allocateDirect(130);
                ByteBuffer buf = ByteBuffer.allocateDirect(130);
                int n = 200_000;
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    msg.clear();
                    while (msg.hasRemaining()) out.write(msg);
                    buf.clear();
                    while (buf.hasRemaining()) in.read(buf);
                }
                return (System.nanoTime() - t) / 1000.0 / n;
            }
        }
    }
}
