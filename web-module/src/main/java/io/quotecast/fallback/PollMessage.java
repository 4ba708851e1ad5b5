package io.quotecast.fallback;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

import io.quotecast.quote.Quote;

/**
 * A long poll's answer: the quotes the client did not have, and the cursor to send as
 * {@code since} next time. Quote objects are the same as in a WebSocket snapshot.
 */
@JsonbPropertyOrder({"type", "cursor", "full", "feed", "quotes"})
public record PollMessage(String type, String cursor, boolean full, String feed, List<Quote> quotes) {

    /**
     * {@code full}: {@code quotes} holds the last value of every requested symbol that has one,
     * because {@code since} was absent or not a cursor of this node; otherwise only what changed.
     * {@code feed}: {@code "live"}, or {@code "stale"} while the feed is silent (docs/protocol.md, "status").
     */
    public PollMessage(Cursor cursor, boolean full, String feed, List<Quote> quotes) {
        this("poll", cursor.text(), full, feed, quotes);
    }
}
