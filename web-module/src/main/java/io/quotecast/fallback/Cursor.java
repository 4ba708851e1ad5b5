package io.quotecast.fallback;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in one node's {@link QuoteJournal}, as the fallbacks hand it to clients: the SSE
 * {@code id:} and the long poll's {@code since}/{@code cursor}. Written {@code EPOCH-POSITION}
 * ({@code k3v9q2-1207}); clients treat it as opaque. The epoch is drawn when the journal starts,
 * so a cursor from another node or from before a restart is recognised as foreign instead of
 * being mistaken for a position in this journal.
 */
public record Cursor(String epoch, long position) {

    /** Longest text accepted: an epoch of up to 13 characters, a dash, a long. */
    static final int MAX_LENGTH = 40;
    private static final Pattern TEXT = Pattern.compile("([0-9a-z]{1,13})-([0-9]{1,18})");

    public String text() {
        return epoch + "-" + position;
    }

    /** Empty for anything that is not a cursor's text, including null. */
    public static Optional<Cursor> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher matcher = TEXT.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Cursor(matcher.group(1), Long.parseLong(matcher.group(2))));
    }

    @Override
    public String toString() {
        return text();
    }
}
