package io.quotecast.security;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The users and tokens file ({@code quotecast.identities}), a properties file that holds hashes
 * only, never a secret:
 * <pre>
 * user.alice.password = PBKDF2WithHmacSHA256:210000:...   (java tools/Secret.java password)
 * user.alice.groups   = quotecast-user, equities-us
 * token.pricing-bot.sha256 = 9f86d0...                     (java tools/Secret.java token)
 * token.pricing-bot.groups = quotecast-user
 * </pre>
 * Tokens are random and long, so one fast hash is enough for them; passwords are chosen by people
 * and get PBKDF2. A mistake in the file stops the deployment with the key at fault, rather than
 * locking someone out silently.
 */
public final class Identities {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern PBKDF2 = Pattern.compile("PBKDF2WithHmacSHA(224|256|384|512):[0-9]{1,9}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** A user who logs in with a password. */
    public record User(String name, String passwordHash, Set<String> groups) {
    }

    private final Map<String, User> users;
    private final Map<String, Caller> tokensByHash;

    private Identities(Map<String, User> users, Map<String, Caller> tokensByHash) {
        this.users = Map.copyOf(users);
        this.tokensByHash = Map.copyOf(tokensByHash);
    }

    public static Identities none() {
        return new Identities(Map.of(), Map.of());
    }

    public static Identities load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("quotecast.identities: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Identities parse(String text) {
        try {
            return parse(new StringReader(text), "(text)");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Identities parse(Reader reader, String source) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> passwords = new HashMap<>();
        Map<String, String> tokenHashes = new HashMap<>();
        Map<String, Set<String>> userGroups = new HashMap<>();
        Map<String, Set<String>> tokenGroups = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            if (key.startsWith("user.") && key.endsWith(".password")) {
                if (!PBKDF2.matcher(value).matches()) {
                    throw problem(source, key, "must be a PBKDF2 hash (java tools/Secret.java password prints it)");
                }
                passwords.put(name(key, "user.", ".password", source), value);
            } else if (key.startsWith("user.") && key.endsWith(".groups")) {
                userGroups.put(name(key, "user.", ".groups", source), groups(value));
            } else if (key.startsWith("token.") && key.endsWith(".sha256")) {
                if (!SHA256_HEX.matcher(value).matches()) {
                    throw problem(source, key, "must be 64 lower-case hex digits (java tools/Secret.java token prints it)");
                }
                tokenHashes.put(name(key, "token.", ".sha256", source), value);
            } else if (key.startsWith("token.") && key.endsWith(".groups")) {
                tokenGroups.put(name(key, "token.", ".groups", source), groups(value));
            } else {
                throw problem(source, key, "is not user.<name>.password|groups or token.<name>.sha256|groups");
            }
        }
        Map<String, User> users = new HashMap<>();
        passwords.forEach((name, hash) -> users.put(name, new User(name, hash, userGroups.getOrDefault(name, Set.of()))));
        userGroups.keySet().stream().filter(n -> !passwords.containsKey(n)).findFirst()
                .ifPresent(n -> { throw problem(source, "user." + n + ".groups", "has no user." + n + ".password"); });
        Map<String, Caller> tokens = new HashMap<>();
        tokenHashes.forEach((name, hash) -> {
            if (tokens.put(hash, new Caller(name, tokenGroups.getOrDefault(name, Set.of()))) != null) {
                throw problem(source, "token." + name + ".sha256", "is the same token as another one");
            }
        });
        tokenGroups.keySet().stream().filter(n -> !tokenHashes.containsKey(n)).findFirst()
                .ifPresent(n -> { throw problem(source, "token." + n + ".groups", "has no token." + n + ".sha256"); });
        return new Identities(users, tokens);
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    public Optional<Caller> token(String token) {
        return Optional.ofNullable(tokensByHash.get(sha256Hex(token)));
    }

    public int size() {
        return users.size() + tokensByHash.size();
    }

    /** Every user's stored hash ({@code algorithm:iterations:salt:hash}). */
    public Stream<String> passwordHashes() {
        return users.values().stream().map(User::passwordHash);
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static String name(String key, String prefix, String suffix, String source) {
        String name = key.substring(prefix.length(), key.length() - suffix.length());
        if (!NAME.matcher(name).matches()) {
            throw problem(source, key, "names are 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        return name;
    }

    private static Set<String> groups(String value) {
        Set<String> groups = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(g -> !g.isEmpty()).forEach(groups::add);
        return groups;
    }

    private static IllegalArgumentException problem(String source, String key, String what) {
        return new IllegalArgumentException("quotecast.identities " + source + ": '" + key + "' " + what);
    }
}
