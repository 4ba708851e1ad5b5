package io.quotecast.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's universe: 100 symbols ({@code SYM00} to {@code SYM99}), the same on every
 * server. Quotecast gets them as its catalog ({@code quotecast.catalog.file}); the peers have them
 * built in. Clients take them from the {@code welcome} message, whichever server they talk to.
 */
public final class BenchSymbols {

    public static final int COUNT = 100;

    private BenchSymbols() {
    }

    public static List<String> all() {
        List<String> symbols = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            symbols.add(String.format("SYM%02d", i));
        }
        return List.copyOf(symbols);
    }

    /** The previous close every symbol starts from (and the random walk around it), in cents. */
    public static long previousCloseCents(int index) {
        return 5_000 + 137L * index;
    }

    /** Writes the catalog in Quotecast's format ({@code symbol,exchange,name,previousClose}). */
    public static Path writeCatalog(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("# Quotecast benchmark catalog: 100 synthetic symbols\n");
        List<String> symbols = all();
        for (int i = 0; i < symbols.size(); i++) {
            long cents = previousCloseCents(i);
            csv.append(symbols.get(i)).append(",XBEN,Benchmark instrument ").append(i).append(',')
                    .append(cents / 100).append('.').append(String.format("%02d", cents % 100)).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }
}
