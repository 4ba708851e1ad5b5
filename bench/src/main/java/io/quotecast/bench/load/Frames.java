package io.quotecast.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of protocol v1 to read what the benchmark needs out of a frame's bytes: its type,
 * and the symbol, seq and time of quotes. Servers put {@code type} first (Quotecast's records
 * declare that order; the peers copy it), so a frame is recognised by its first bytes.
 */
final class Frames {

    static final byte[] TYPE = bytes("{\"type\":\"");
    static final byte[] SYMBOL = bytes("\"symbol\":\"");
    static final byte[] SEQ = bytes("\"seq\":");
    static final byte[] TIME = bytes("\"time\":\"");
    static final byte[] SYMBOLS = bytes("\"symbols\":[");
    static final byte[] CODE = bytes("\"code\":\"");

    enum Type { QUOTE, QUOTES, SNAPSHOT, SUBSCRIBED, WELCOME, ERROR, OTHER }

    private Frames() {
    }

    static Type type(byte[] b, int length) {
        if (!startsWith(b, length, 0, TYPE) || length < TYPE.length + 2) {
            return Type.OTHER;
        }
        int at = TYPE.length;
        return switch (b[at]) {
            case 'q' -> length > at + 5 && b[at + 5] == 's' ? Type.QUOTES : Type.QUOTE;
            case 's' -> b[at + 1] == 'u' ? Type.SUBSCRIBED : b[at + 1] == 'n' ? Type.SNAPSHOT : Type.OTHER;
            case 'w' -> Type.WELCOME;
            case 'e' -> Type.ERROR;
            default -> Type.OTHER;
        };
    }

    /** Index just past {@code key} at or after {@code from}, or -1. */
    static int after(byte[] b, int length, int from, byte[] key) {
        int last = length - key.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int k = 0; k < key.length; k++) {
                if (b[i + k] != key[k]) {
                    continue outer;
                }
            }
            return i + key.length;
        }
        return -1;
    }

    static int indexOf(byte[] b, int length, int from, byte value) {
        for (int i = from; i < length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** A non-negative whole number starting at {@code from}; -1 when there is none. */
    static long number(byte[] b, int length, int from) {
        long value = 0;
        int i = from;
        for (; i < length && b[i] >= '0' && b[i] <= '9'; i++) {
            value = value * 10 + (b[i] - '0');
        }
        return i == from ? -1 : value;
    }

    /** The strings of the welcome's {@code symbols} array (no escapes: symbols never need them). */
    static List<String> welcomeSymbols(byte[] b, int length) {
        List<String> symbols = new ArrayList<>();
        int i = after(b, length, 0, SYMBOLS);
        while (i > 0 && i < length && b[i] != ']') {
            if (b[i] == '"') {
                int end = indexOf(b, length, i + 1, (byte) '"');
                if (end < 0) {
                    break;
                }
                symbols.add(new String(b, i + 1, end - i - 1, StandardCharsets.US_ASCII));
                i = end + 1;
            } else {
                i++;
            }
        }
        return symbols;
    }

    static String errorCode(byte[] b, int length) {
        int i = after(b, length, 0, CODE);
        int end = i < 0 ? -1 : indexOf(b, length, i, (byte) '"');
        return end < 0 ? "?" : new String(b, i, end - i, StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] b, int length, int at, byte[] prefix) {
        if (length - at < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
