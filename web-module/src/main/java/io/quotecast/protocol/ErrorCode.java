package io.quotecast.protocol;

/** The {@code code} of an {@code error} frame or an HTTP error body. See docs/protocol.md. */
public enum ErrorCode {
    /** Not JSON, not an object, or a field missing or of the wrong type. */
    INVALID_MESSAGE,
    /** {@code type} is not one the server knows. */
    UNKNOWN_TYPE,
    /** Not a syntactically valid symbol. */
    INVALID_SYMBOL,
    /** A valid symbol that is not in the catalog. */
    UNKNOWN_SYMBOL,
    /** Subscribing would exceed the per-session limit. */
    TOO_MANY_SUBSCRIPTIONS,
    /** The session sends faster than its rate limit; the message was ignored. */
    RATE_LIMITED,
    /** Origin not allowed at the handshake, or symbols the caller is not entitled to (the frame lists them). */
    FORBIDDEN,
    /** Handshake refused: too many sessions from this address or on this server. */
    TOO_MANY_SESSIONS,
    /** A new session (handshake, SSE stream, poll) refused: the node is draining; connect again, to another node. */
    DRAINING,
    /** REST only: the symbol is in the catalog but no price has arrived for it yet. */
    NO_QUOTE
}
