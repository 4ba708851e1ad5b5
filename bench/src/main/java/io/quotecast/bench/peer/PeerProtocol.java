package io.quotecast.bench.peer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.quotecast.bench.IsoMillis;

/** The few protocol v1 messages the Netty peer writes and the one it reads, by hand. */
final class PeerProtocol {

    private PeerProtocol() {
    }

    static String welcome(String sessionId, List<String> symbols) {
        return "{\"type\":\"welcome\",\"protocol\":1,\"sessionId\":\"" + sessionId
                + "\",\"heartbeatSeconds\":30,\"symbols\":" + array(symbols) + "}";
    }

    static String subscribed(List<String> symbols) {
        return "{\"type\":\"subscribed\",\"symbols\":" + array(symbols) + "}";
    }

    static String pong(Instant now) {
        return "{\"type\":\"pong\",\"serverTime\":\"" + IsoMillis.format(now.toEpochMilli()) + "\"}";
    }

    /** Indexes of the known symbols named in a subscribe's {@code symbols} array; unknown ones are left out. */
    static List<Integer> symbolIndexes(String text, List<String> known) {
        List<Integer> indexes = new ArrayList<>();
        int start = text.indexOf("\"symbols\"");
        int open = start < 0 ? -1 : text.indexOf('[', start);
        int close = open < 0 ? -1 : text.indexOf(']', open);
        if (close < 0) {
            return indexes;
        }
        for (String part : text.substring(open + 1, close).split(",")) {
            String symbol = part.trim().replace("\"", "");
            int index = known.indexOf(symbol);
            if (index >= 0 && !indexes.contains(index)) {
                indexes.add(index);
            }
        }
        return indexes;
    }

    private static String array(List<String> symbols) {
        return symbols.isEmpty() ? "[]" : "[\"" + String.join("\",\"", symbols) + "\"]";
    }
}
