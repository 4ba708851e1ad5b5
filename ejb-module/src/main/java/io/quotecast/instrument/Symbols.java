package io.quotecast.instrument;

import java.util.regex.Pattern;

/**
 * The syntax of a symbol, checked before a client- or feed-supplied string is used as a map key:
 * one to twelve characters, an upper-case letter first, then upper-case letters, digits,
 * {@code .} or {@code -} (as in {@code BRK.B}).
 */
public final class Symbols {

    public static final int MAX_LENGTH = 12;
    private static final Pattern VALID = Pattern.compile("[A-Z][A-Z0-9.\\-]{0," + (MAX_LENGTH - 1) + "}");

    private Symbols() {
    }

    public static boolean isValid(String symbol) {
        return symbol != null && symbol.length() <= MAX_LENGTH && VALID.matcher(symbol).matches();
    }
}
