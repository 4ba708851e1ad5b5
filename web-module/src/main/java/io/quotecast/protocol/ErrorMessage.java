package io.quotecast.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * A refusal, in words a user can act on. {@code symbols} lists the symbols concerned, when the
 * error is about some symbols of a request. The same body answers HTTP errors.
 */
@JsonbPropertyOrder({"type", "code", "message", "symbols"})
public record ErrorMessage(String type, ErrorCode code, String message, List<String> symbols) {

    public ErrorMessage(ErrorCode code, String message) {
        this("error", code, message, null);
    }

    public ErrorMessage(ErrorCode code, String message, List<String> symbols) {
        this("error", code, message, symbols);
    }
}
