package io.quotecast.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.opentest4j.AssertionFailedError;

/**
 * A WebSocket client written by hand over a plain {@link Socket} (RFC 6455), for the tests that
 * must send what no real client library would: invalid UTF-8, oversized control frames, reserved
 * bits, unmasked frames, lying lengths. It does the HTTP upgrade itself, writes frames byte by
 * byte and reads the server's frames one at a time. Any thread may write (frames go out whole);
 * one thread reads, every read bounded by the socket's timeout.
 */
final class RawWebSocket implements AutoCloseable {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    static final int FIN = 0x80;

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Duration CONNECT_BOUND = Duration.ofSeconds(10);
    private static final Duration HANDSHAKE_BOUND = Duration.ofSeconds(30);
    /** Nothing the server sends us is anywhere near this; a larger length means we lost the framing. */
    private static final int LARGEST_FRAME_READ = 4 * 1024 * 1024;
    private static final int TEXTS_KEPT = 3;

    /** One frame from the server. */
    record Frame(boolean fin, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame, 1005 (none given) when its payload is empty. */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    /** The server's answer to an upgrade request: 101 and an open socket, or a refusal and its body. */
    record Handshake(int status, Map<String, String> headers, String body, RawWebSocket socket) {
        RawWebSocket upgraded() {
            if (status != 101 || socket == null) {
                throw new AssertionFailedError("Expected 101 Switching Protocols from " + QuotecastServer.quotesSocket()
                        + " on " + QuotecastServer.name() + " but got " + status + " " + body);
            }
            return socket;
        }
    }

    /**
     * How the server ended a session: the close frame's code and reason, or -1 when the connection
     * was closed (EOF or reset) without one; {@code framesBefore} counts what came first, and
     * {@code textsBefore} holds the first few text frames among them.
     */
    record Ending(int code, String reason, int framesBefore, List<String> textsBefore) {
        boolean closedWithoutCloseFrame() {
            return code == -1;
        }

        @Override
        public String toString() {
            return (code == -1 ? "connection closed without a close frame" : "close " + code + " '" + reason + "'")
                    + " after " + framesBefore + " other frames" + (textsBefore.isEmpty() ? "" : ", texts " + textsBefore);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket, InputStream in) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
    }

    /** Opens a session to the quotes endpoint, with no Origin, from the usual local address. */
    static RawWebSocket open() {
        return handshake(Map.of(), null, 0).upgraded();
    }

    /**
     * Sends an upgrade request to the quotes endpoint with {@code extraHeaders} (an Origin, say),
     * from {@code localAddress} when not null, with a receive buffer of {@code receiveBuffer}
     * bytes when positive (set before connecting, so the TCP window starts that small).
     */
    static Handshake handshake(Map<String, String> extraHeaders, InetAddress localAddress, int receiveBuffer) {
        return handshake(Identity.CLIENT, extraHeaders, localAddress, receiveBuffer);
    }

    /** As {@link #handshake(Map, InetAddress, int)}, logged in as {@code identity}. */
    static Handshake handshake(Identity identity, Map<String, String> extraHeaders, InetAddress localAddress,
                               int receiveBuffer) {
        URI target = QuotecastServer.quotesSocket();
        int port = target.getPort() != -1 ? target.getPort() : 80;
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(target.getHost(), port), (int) CONNECT_BOUND.toMillis());
            socket.setSoTimeout((int) HANDSHAKE_BOUND.toMillis());
            socket.setTcpNoDelay(true);
            String key = Base64.getEncoder().encodeToString(randomBytes(16));
            StringBuilder request = new StringBuilder()
                    .append("GET ").append(target.getRawPath()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(target.getHost()).append(':').append(port).append("\r\n")
                    .append("Upgrade: websocket\r\n")
                    .append("Connection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            identity.authorization().ifPresent(value -> request.append("Authorization: ").append(value).append("\r\n"));
            extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();

            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = readLine(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            String[] status = statusLine.split(" ", 3);
            int code = status.length >= 2 ? Integer.parseInt(status[1]) : -1;
            if (code != 101) {
                String body = readBody(in, headers);
                socket.close();
                return new Handshake(code, headers, body, null);
            }
            String accept = headers.getOrDefault("sec-websocket-accept", "");
            if (!accept.equals(acceptFor(key))) {
                socket.close();
                throw new AssertionFailedError("101 without the right Sec-WebSocket-Accept: " + headers);
            }
            return new Handshake(code, headers, "", new RawWebSocket(socket, in));
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("Upgrade request to " + target + " on " + QuotecastServer.name() + " failed", e);
        }
    }

    // ---- writing -------------------------------------------------------------------------

    /** An unsolicited pong: RFC 6455's one-way heartbeat, which asks for no answer. */
    void sendPong() {
        sendFrame(FIN | PONG, new byte[0], true);
    }

    /** A text message in one frame, masked as a client must. */
    void sendText(String text) {
        sendFrame(FIN | TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /**
     * One frame: {@code firstByte} is FIN, the reserved bits and the opcode, as they go on the
     * wire; {@code masked} false leaves the payload unmasked, which a server must refuse.
     */
    void sendFrame(int firstByte, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            writeLong(frame, payload.length);
        }
        if (masked) {
            byte[] mask = randomBytes(4);
            frame.writeBytes(mask);
            byte[] maskedPayload = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                maskedPayload[i] = (byte) (payload[i] ^ mask[i & 3]);
            }
            frame.writeBytes(maskedPayload);
        } else {
            frame.writeBytes(payload);
        }
        sendBytes(frame.toByteArray());
    }

    /**
     * A masked frame whose 64-bit length field claims {@code claimedLength} bytes, exactly as given
     * (so a length with the top bit set can be sent), followed by only {@code sent} of them.
     */
    void sendFrameClaiming(int firstByte, long claimedLength, byte[] sent) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(14 + sent.length);
        frame.write(firstByte);
        frame.write(0x80 | 127);
        writeLong(frame, claimedLength);
        byte[] mask = randomBytes(4);
        frame.writeBytes(mask);
        for (int i = 0; i < sent.length; i++) {
            frame.write(sent[i] ^ mask[i & 3]);
        }
        sendBytes(frame.toByteArray());
    }

    /** Writes whole frames only, so that two threads writing to one socket never interleave them. */
    void sendBytes(byte[] bytes) {
        try {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + QuotecastServer.quotesSocket(), e);
        }
    }

    // ---- reading -------------------------------------------------------------------------

    /** The next frame, waiting at most {@code bound}; null when the connection is closed. */
    Frame read(Duration bound) {
        try {
            socket.setSoTimeout((int) Math.max(1, bound.toMillis()));
            int first = in.read();
            if (first == -1) {
                return null;
            }
            int second = readByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte();
                }
            }
            if ((second & 0x80) != 0) {
                throw new AssertionFailedError("The server sent a masked frame, which RFC 6455 forbids");
            }
            if (length < 0 || length > LARGEST_FRAME_READ) {
                throw new AssertionFailedError("A frame of " + length + " bytes from the server: framing lost");
            }
            byte[] payload = in.readNBytes((int) length);
            if (payload.length != length) {
                return null;
            }
            return new Frame((first & FIN) != 0, first & 0x0F, payload);
        } catch (SocketTimeoutException e) {
            throw new AssertionFailedError("No frame within " + bound.toMillis() + " ms from "
                    + QuotecastServer.quotesSocket() + " on " + QuotecastServer.name());
        } catch (EOFException | SocketException e) {
            // A reset is how some servers end a connection they refuse to speak to any more.
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until a text frame arrives and returns its text, answering nothing else. */
    String readText(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Frame frame = read(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000)));
            if (frame == null) {
                throw new AssertionFailedError("Connection closed while waiting for a text frame on " + QuotecastServer.name());
            }
            if (frame.opcode() == TEXT) {
                return frame.text();
            }
            if (frame.opcode() == CLOSE) {
                throw new AssertionFailedError("Closed (" + frame.closeCode() + " " + frame.closeReason()
                        + ") while waiting for a text frame on " + QuotecastServer.name());
            }
        }
    }

    /**
     * Reads (and drops) frames until the server closes the session, and tells how: with a close
     * frame, or by closing the connection. Fails if neither happens within {@code bound}.
     */
    Ending awaitEnding(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        int frames = 0;
        List<String> texts = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionFailedError("The server neither closed the session nor the connection within "
                        + bound.toSeconds() + " s (" + frames + " frames read) on " + QuotecastServer.name());
            }
            Frame frame = read(Duration.ofNanos(left));
            if (frame == null) {
                return new Ending(-1, "", frames, texts);
            }
            if (frame.opcode() == CLOSE) {
                return new Ending(frame.closeCode(), frame.closeReason(), frames, texts);
            }
            if (frame.opcode() == TEXT && texts.size() < TEXTS_KEPT) {
                String text = frame.text();
                texts.add(text.length() > 80 ? text.substring(0, 80) + "…" : text);
            }
            frames++;
        }
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            try {
                // Best effort: the server may have closed already.
                sendFrame(FIN | CLOSE, new byte[] {0x03, (byte) 0xE8}, true);
            } catch (UncheckedIOException e) {
                // Already gone.
            }
        }
        closeQuietly(socket);
    }

    // ---- helpers -------------------------------------------------------------------------

    private int readByte() throws IOException {
        int b = in.read();
        if (b == -1) {
            throw new EOFException();
        }
        return b;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new EOFException("Connection closed during the HTTP upgrade");
            }
            if (b != '\r') {
                line.write(b);
            }
            if (line.size() > 16 * 1024) {
                throw new IOException("HTTP header line over 16 KiB");
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readBody(InputStream in, Map<String, String> headers) throws IOException {
        String length = headers.get("content-length");
        if (length != null) {
            return new String(in.readNBytes(Math.min(Integer.parseInt(length.trim()), 64 * 1024)), StandardCharsets.UTF_8);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16); size > 0 && body.size() < 64 * 1024;
                 size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) {
                body.writeBytes(in.readNBytes(size));
                readLine(in);
            }
            return body.toString(StandardCharsets.UTF_8);
        }
        return "";
    }

    private static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to do with it.
        }
    }
}
