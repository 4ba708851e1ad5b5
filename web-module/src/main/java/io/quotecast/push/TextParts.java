package io.quotecast.push;

/**
 * The text message a session is receiving, part by part as the container reads it, never more
 * than the size limit in UTF-8 bytes: the part that would take it past the limit is refused and
 * everything so far dropped. Holds nothing between messages. Used by the session's message
 * thread only (a container hands one session's parts over one at a time).
 */
final class TextParts {

    private final int limitBytes;
    private StringBuilder text;
    private int bytes;

    TextParts(int limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** Adds the next part; false, and the message forgotten, when it is now over the limit. */
    boolean add(String part) {
        bytes += Sessions.utf8Length(part, limitBytes - bytes);
        if (bytes > limitBytes) {
            take();
            return false;
        }
        if (text == null) {
            text = new StringBuilder(part);
        } else {
            text.append(part);
        }
        return true;
    }

    /** The message so far (the whole of it after its last part); starts the next one empty. */
    String take() {
        String whole = text == null ? "" : text.toString();
        text = null;
        bytes = 0;
        return whole;
    }
}
