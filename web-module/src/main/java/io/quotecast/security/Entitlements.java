package io.quotecast.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import io.quotecast.instrument.Symbols;

/**
 * Which groups receive which instruments ({@code quotecast.entitlements}), a properties file:
 * <pre>
 * quotecast-user = *                            everything
 * equities-us    = exchange:NASDAQ, exchange:NYSE
 * fx-desk        = EURUSD, GBPUSD
 * </pre>
 * A caller receives the union of their groups' lines. Without a file every caller receives every
 * instrument; with one, a caller none of whose groups is listed receives nothing. Every transport
 * asks here before it sends a price: the WebSocket subscribe, SSE, polling and the REST API.
 */
@ApplicationScoped
public class Entitlements {

    private static final Logger LOG = Logger.getLogger(Entitlements.class.getName());
    private static final Pattern EXCHANGE = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,31}");

    private SecuritySettings settings;
    private Optional<Map<String, Entitlement>> byGroup = Optional.empty();

    protected Entitlements() {
    }

    @Inject
    public Entitlements(SecuritySettings settings) {
        this.settings = settings;
    }

    /** Everyone receives everything: for tests and setups without an entitlements file. */
    public static Entitlements everyone() {
        return new Entitlements();
    }

    static Entitlements of(String text) {
        Entitlements entitlements = new Entitlements();
        try {
            entitlements.byGroup = Optional.of(parse(new StringReader(text), "(text)"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return entitlements;
    }

    @PostConstruct
    void load() {
        byGroup = settings.entitlements().map(Entitlements::load);
        LOG.info(() -> settings.entitlements().map(f -> "Entitlements for " + byGroup.get().size() + " groups from " + f)
                .orElse("No quotecast.entitlements file: every caller receives every instrument"));
    }

    /** What the caller of this request may receive. */
    public Entitlement of(HttpServletRequest request) {
        return of(Caller.of(request));
    }

    public Entitlement of(Optional<Caller> caller) {
        if (byGroup.isEmpty()) {
            return Entitlement.ALL;
        }
        return caller.map(c -> forGroups(c.groups())).orElse(Entitlement.NOTHING);
    }

    Entitlement forGroups(Collection<String> groups) {
        Map<String, Entitlement> table = byGroup.orElseThrow();
        Set<String> symbols = new HashSet<>();
        Set<String> exchanges = new HashSet<>();
        for (String group : groups) {
            Entitlement granted = table.get(group);
            if (granted == null) {
                continue;
            }
            if (granted.everything()) {
                return Entitlement.ALL;
            }
            symbols.addAll(granted.symbols());
            exchanges.addAll(granted.exchanges());
        }
        return new Entitlement(false, symbols, exchanges);
    }

    private static Map<String, Entitlement> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("quotecast.entitlements: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Entitlement> parse(Reader reader, String source) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, Entitlement> table = new HashMap<>();
        for (String group : properties.stringPropertyNames()) {
            boolean everything = false;
            Set<String> symbols = new HashSet<>();
            Set<String> exchanges = new HashSet<>();
            for (String item : properties.getProperty(group).split(",")) {
                String grant = item.trim();
                if (grant.equals("*")) {
                    everything = true;
                } else if (grant.startsWith("exchange:") && EXCHANGE.matcher(grant.substring(9)).matches()) {
                    exchanges.add(grant.substring(9));
                } else if (Symbols.isValid(grant)) {
                    symbols.add(grant);
                } else if (!grant.isEmpty()) {
                    throw new IllegalArgumentException("quotecast.entitlements " + source + ": group '" + group
                            + "' grants '" + grant + "', which is not *, exchange:<CODE> or a symbol");
                }
            }
            table.put(group, everything ? Entitlement.ALL : new Entitlement(false, symbols, exchanges));
        }
        return Map.copyOf(table);
    }
}
