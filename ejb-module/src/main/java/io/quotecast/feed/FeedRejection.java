package io.quotecast.feed;

/** Why a feed message was not applied; each has its own counter in {@code /api/stats}. */
public enum FeedRejection {
    /** Not a JMS TextMessage. */
    NOT_TEXT,
    /** Larger than the feed's message size limit. */
    TOO_LARGE,
    /** Not a JSON object. */
    MALFORMED,
    /** symbol or price is absent. */
    MISSING_FIELD,
    /** A field has the wrong type or an impossible value (bad symbol syntax, negative volume, bad time). */
    INVALID_FIELD,
    /** price is zero, negative, absurdly large or finer than a millionth. */
    INVALID_PRICE,
    /** The symbol is not in the catalog. */
    UNKNOWN_SYMBOL,
    /** The feed's seq for this symbol is not greater than the last one applied: a duplicate or a reordering. */
    STALE_SEQUENCE
}
