package io.quotecast.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The server's own log file ({@code quotecast.it.serverLog}, passed by the server module), read
 * as an operator reads it: from a point in time on, warnings and errors only. Knows both formats:
 * WildFly's one line a record ({@code 2026-12-06 20:24:36,095 WARN  [category] (thread) text}) and
 * Payara's ODL records ({@code [time] [product] [WARNING] [id] [logger] …[[}, the text on the
 * lines that follow).
 */
final class ServerLog {

    static final String PATH_PROPERTY = "quotecast.it.serverLog";

    private static final Pattern WILDFLY_RECORD = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d+ (\\w+) .*");
    private static final Pattern PAYARA_RECORD = Pattern.compile("^\\[[^\\]]*\\] \\[[^\\]]*\\] \\[(\\w+)\\] .*");
    private static final List<String> SERIOUS = List.of("WARN", "ERROR", "FATAL", "WARNING", "SEVERE");

    private final Path file;

    private ServerLog(Path file) {
        this.file = file;
    }

    static ServerLog ofServerUnderTest() {
        return new ServerLog(Path.of(QuotecastServer.required(PATH_PROPERTY)));
    }

    /** Where the log ends now: what is written after it is {@link #warningsSince(long) since} this point. */
    long end() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    /**
     * Each warning or error record written after {@code offset}, as its first line joined with the
     * first line of its text (for Payara, whose records put the text on the next line).
     */
    List<String> warningsSince(long offset) {
        List<String> lines = linesFrom(offset);
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String level = level(lines.get(i));
            if (level != null && SERIOUS.contains(level)) {
                String next = i + 1 < lines.size() && level(lines.get(i + 1)) == null ? " " + lines.get(i + 1).trim() : "";
                warnings.add(lines.get(i) + next);
            }
        }
        return warnings;
    }

    private static String level(String line) {
        var wildfly = WILDFLY_RECORD.matcher(line);
        if (wildfly.matches()) {
            return wildfly.group(1);
        }
        var payara = PAYARA_RECORD.matcher(line);
        return payara.matches() ? payara.group(1) : null;
    }

    private List<String> linesFrom(long offset) {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            // A log rotated since the offset was taken starts again at 0.
            long from = log.length() < offset ? 0 : offset;
            byte[] bytes = new byte[(int) (log.length() - from)];
            log.seek(from);
            log.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
