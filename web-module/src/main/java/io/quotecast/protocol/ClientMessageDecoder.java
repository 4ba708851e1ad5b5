package io.quotecast.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.Decoder;

import java.util.ArrayList;
import java.util.List;

import io.quotecast.json.OneJsonValue;

/**
 * Decodes every inbound text frame into a {@link ClientMessage}. It never throws: input it
 * cannot accept becomes {@link ClientMessage.Invalid}, which the endpoint answers with an
 * {@code error} frame while the session stays open. Stateless, so one instance may serve any
 * number of sessions.
 */
public class ClientMessageDecoder implements Decoder.Text<ClientMessage> {

    /** More than the catalog holds; a longer list is a mistake or an attack, not a watchlist. */
    public static final int MAX_SYMBOLS_PER_REQUEST = 200;
    /** Bounds of a subscription's {@code maxRate}, in quotes per second per symbol (docs/protocol.md). */
    public static final double MIN_MAX_RATE = 0.1;
    public static final double MAX_MAX_RATE = 100;
    private static final int MAX_ECHOED_TYPE = 32;

    @Override
    public ClientMessage decode(String text) {
        JsonValue value = OneJsonValue.read(text).orElse(null);
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            return invalid("Messages must be JSON objects");
        }
        JsonObject json = value.asJsonObject();
        if (!(json.get("type") instanceof JsonString type)) {
            return invalid("Every message needs a string 'type'");
        }
        return switch (type.getString()) {
            case "subscribe" -> subscribe(json);
            case "unsubscribe" -> symbols(json).<ClientMessage>map(ClientMessage.Unsubscribe::new)
                    .orElseGet(() -> invalid(symbolsRule()));
            case "ping" -> ping(json);
            default -> new ClientMessage.Invalid(ErrorCode.UNKNOWN_TYPE, "Unknown type '" + echo(type.getString())
                    + "': expected subscribe, unsubscribe or ping");
        };
    }

    private static ClientMessage subscribe(JsonObject json) {
        java.util.Optional<List<String>> symbols = symbols(json);
        if (symbols.isEmpty()) {
            return invalid(symbolsRule());
        }
        JsonValue batch = json.get("batch");
        if (batch != null && batch != JsonValue.NULL && batch != JsonValue.TRUE && batch != JsonValue.FALSE) {
            return invalid("'batch' must be true or false");
        }
        boolean batched = batch == JsonValue.TRUE;
        JsonValue rate = json.get("maxRate");
        if (rate == null || rate == JsonValue.NULL) {
            return new ClientMessage.Subscribe(symbols.get(), 0, batched);
        }
        if (!(rate instanceof JsonNumber number) || !(number.doubleValue() >= MIN_MAX_RATE)
                || !(number.doubleValue() <= MAX_MAX_RATE)) {
            return invalid("'maxRate' must be a number from " + MIN_MAX_RATE + " to " + (int) MAX_MAX_RATE
                    + ": the most quotes per second per symbol");
        }
        return new ClientMessage.Subscribe(symbols.get(), number.doubleValue(), batched);
    }

    private static java.util.Optional<List<String>> symbols(JsonObject json) {
        if (!(json.get("symbols") instanceof JsonArray array) || array.isEmpty()
                || array.size() > MAX_SYMBOLS_PER_REQUEST) {
            return java.util.Optional.empty();
        }
        List<String> symbols = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            if (!(value instanceof JsonString symbol)) {
                return java.util.Optional.empty();
            }
            symbols.add(symbol.getString());
        }
        return java.util.Optional.of(symbols);
    }

    private static String symbolsRule() {
        return "'symbols' must be an array of 1 to " + MAX_SYMBOLS_PER_REQUEST + " strings";
    }

    private static ClientMessage ping(JsonObject json) {
        JsonValue id = json.get("id");
        if (id == null || id == JsonValue.NULL) {
            return new ClientMessage.Ping(null);
        }
        return switch (id.getValueType()) {
            case STRING, NUMBER -> new ClientMessage.Ping(id);
            default -> invalid("'id' of a ping must be a string or a number");
        };
    }

    private static ClientMessage.Invalid invalid(String message) {
        return new ClientMessage.Invalid(ErrorCode.INVALID_MESSAGE, message);
    }

    /** Enough of the client's text to recognise it, with nothing that could forge log lines. */
    private static String echo(String text) {
        String shown = text.length() > MAX_ECHOED_TYPE ? text.substring(0, MAX_ECHOED_TYPE) + "…" : text;
        return shown.replaceAll("[^\\p{Alnum}_\\-.]", "?");
    }

    /**
     * Yes to every text frame: this is the only text decoder, and declining would make the
     * container close the session instead of letting us answer with an error frame.
     */
    @Override
    public boolean willDecode(String text) {
        return text != null;
    }
}
