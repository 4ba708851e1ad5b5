package io.quotecast.instrument;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the instrument file: one instrument per line as {@code symbol,exchange,name,previousClose};
 * blank lines and lines starting with {@code #} are skipped. A bad line stops the load with its
 * line number, because a half-loaded catalog would silently reject a real feed's prices.
 */
public final class CatalogParser {

    private CatalogParser() {
    }

    public static List<Instrument> parse(Reader source, String origin) throws IOException {
        Map<String, Instrument> bySymbol = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(source);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Instrument instrument = parseLine(trimmed, origin, number);
            if (bySymbol.putIfAbsent(instrument.symbol(), instrument) != null) {
                throw new IllegalArgumentException(where(origin, number) + "duplicate symbol " + instrument.symbol());
            }
        }
        if (bySymbol.isEmpty()) {
            throw new IllegalArgumentException(origin + " lists no instruments");
        }
        return List.copyOf(bySymbol.values());
    }

    private static Instrument parseLine(String line, String origin, int number) {
        String[] fields = line.split(",", -1);
        if (fields.length != 4) {
            throw new IllegalArgumentException(where(origin, number)
                    + "expected symbol,exchange,name,previousClose but found " + fields.length + " fields");
        }
        String symbol = fields[0].strip();
        if (!Symbols.isValid(symbol)) {
            throw new IllegalArgumentException(where(origin, number) + "invalid symbol '" + symbol + "'");
        }
        BigDecimal close;
        try {
            close = new BigDecimal(fields[3].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where(origin, number) + "previousClose is not a number", e);
        }
        if (close.signum() <= 0) {
            throw new IllegalArgumentException(where(origin, number) + "previousClose must be positive");
        }
        return new Instrument(symbol, fields[1].strip(), fields[2].strip(), close);
    }

    private static String where(String origin, int line) {
        return origin + " line " + line + ": ";
    }
}
