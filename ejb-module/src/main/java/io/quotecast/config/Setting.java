package io.quotecast.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads one setting, once, from a system property ({@code quotecast.feed.rate}) or, failing that,
 * the matching environment variable ({@code QUOTECAST_FEED_RATE}). Every setting the application
 * knows is listed with its default in the README's configuration table; the classes that hold
 * the values ({@code FeedSettings}, {@code PushSettings}) are the only callers.
 */
public final class Setting {

    private Setting() {
    }

    public static Optional<String> raw(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    public static String string(String key, String fallback) {
        return raw(key).orElse(fallback);
    }

    public static boolean flag(String key, boolean fallback) {
        return raw(key).map(Boolean::parseBoolean).orElse(fallback);
    }

    public static int integer(String key, int fallback, int min, int max) {
        int value = raw(key).map(v -> parse(key, v)).orElse(fallback);
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    key + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static int parse(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }
}
