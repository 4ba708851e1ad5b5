package io.quotecast.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The user the external feed logs in to WildFly's embedded broker as: an application user in the
 * group {@code guest}, which standalone-full's messaging security lets send. Its password is
 * fixed and in the source because it guards nothing: the benchmark's WildFly is bound to
 * 127.0.0.1, in bench/target, and started only by the benchmark. WildFly keeps application users
 * as the hex MD5 of {@code name:ApplicationRealm:password}, which is what {@code add-user.sh}
 * writes.
 */
final class BenchBrokerUser {

    static final String NAME = "quotecast-bench-feed";
    static final String PASSWORD = "bench-feed-on-loopback-only";
    private static final String REALM = "ApplicationRealm";

    private BenchBrokerUser() {
    }

    /** Adds the user to {@code configuration}'s application users and roles, unless it is there. */
    static void ensureIn(Path configuration) throws IOException {
        addLine(configuration.resolve("application-users.properties"), NAME + "=" + hash());
        addLine(configuration.resolve("application-roles.properties"), NAME + "=guest");
    }

    static String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((NAME + ":" + REALM + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    private static void addLine(Path file, String line) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.stream().anyMatch(l -> l.startsWith(NAME + "="))) {
            return;
        }
        Files.writeString(file, System.lineSeparator() + line + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }
}
