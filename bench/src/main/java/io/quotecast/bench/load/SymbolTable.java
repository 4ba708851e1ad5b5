package io.quotecast.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Symbol bytes of a frame to the symbol's index in the server's list, without making a String:
 * open addressing over a power-of-two table. Immutable once built, so shared by every connection
 * and event loop.
 */
final class SymbolTable {

    private final List<String> symbols;
    private final byte[][] keys;
    private final int[] values;
    private final int mask;

    SymbolTable(List<String> symbols) {
        this.symbols = List.copyOf(symbols);
        int size = Integer.highestOneBit(Math.max(4, symbols.size() * 4) - 1) << 1;
        keys = new byte[size][];
        values = new int[size];
        mask = size - 1;
        for (int i = 0; i < symbols.size(); i++) {
            byte[] key = symbols.get(i).getBytes(StandardCharsets.US_ASCII);
            int slot = hash(key, 0, key.length) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = i;
        }
    }

    List<String> symbols() {
        return symbols;
    }

    int size() {
        return symbols.size();
    }

    /** The index of the symbol at {@code bytes[from, to)}, or -1 when it is not one of ours. */
    int indexOf(byte[] bytes, int from, int to) {
        int slot = hash(bytes, from, to) & mask;
        while (keys[slot] != null) {
            if (Arrays.equals(keys[slot], 0, keys[slot].length, bytes, from, to)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private static int hash(byte[] bytes, int from, int to) {
        int h = 17;
        for (int i = from; i < to; i++) {
            h = h * 31 + bytes[i];
        }
        return h ^ (h >>> 16);
    }
}
