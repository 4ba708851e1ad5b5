package io.quotecast.instrument;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import io.quotecast.config.Setting;

/**
 * The symbols this service knows. Loaded once at start from the file named by
 * {@code quotecast.catalog.file}, or from the bundled {@code instruments.csv}; read-only after.
 */
@ApplicationScoped
public class InstrumentCatalog {

    static final String FILE_SETTING = "quotecast.catalog.file";
    private static final String BUNDLED = "/io/quotecast/instrument/instruments.csv";
    private static final Logger LOG = Logger.getLogger(InstrumentCatalog.class.getName());

    private Map<String, Instrument> bySymbol = Map.of();
    private List<String> symbols = List.of();

    public InstrumentCatalog() {
    }

    /** For tests and tools that have the instruments in hand. */
    public InstrumentCatalog(List<Instrument> instruments) {
        index(instruments);
    }

    @PostConstruct
    void load() {
        Optional<String> file = Setting.raw(FILE_SETTING);
        try {
            if (file.isPresent()) {
                try (Reader reader = Files.newBufferedReader(Path.of(file.get()), StandardCharsets.UTF_8)) {
                    index(CatalogParser.parse(reader, file.get()));
                }
            } else {
                try (InputStream in = InstrumentCatalog.class.getResourceAsStream(BUNDLED)) {
                    if (in == null) {
                        throw new IllegalStateException("bundled catalog " + BUNDLED + " is missing");
                    }
                    index(CatalogParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), "instruments.csv"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the instrument catalog", e);
        }
        LOG.info(() -> "Instrument catalog: " + symbols.size() + " symbols from " + file.orElse("the bundled list"));
    }

    private void index(List<Instrument> instruments) {
        Map<String, Instrument> map = new LinkedHashMap<>();
        instruments.forEach(i -> map.put(i.symbol(), i));
        bySymbol = Map.copyOf(map);
        symbols = List.copyOf(map.keySet());
    }

    public Optional<Instrument> find(String symbol) {
        return Optional.ofNullable(symbol == null ? null : bySymbol.get(symbol));
    }

    public boolean contains(String symbol) {
        return symbol != null && bySymbol.containsKey(symbol);
    }

    /** Symbols in catalog order. */
    public List<String> symbols() {
        return symbols;
    }

    public List<Instrument> instruments() {
        return symbols.stream().map(bySymbol::get).toList();
    }
}
