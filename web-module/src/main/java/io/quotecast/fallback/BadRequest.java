package io.quotecast.fallback;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

import io.quotecast.protocol.ErrorCode;
import io.quotecast.protocol.ErrorMessage;
import io.quotecast.protocol.ProtocolJson;

/** A 400 whose body is the protocol's error object, so fallback clients parse one error format. */
final class BadRequest extends WebApplicationException {

    private final transient ErrorMessage error;

    BadRequest(ErrorCode code, String message) {
        this(new ErrorMessage(code, message));
    }

    BadRequest(ErrorCode code, String message, List<String> symbols) {
        this(new ErrorMessage(code, message, symbols));
    }

    private BadRequest(ErrorMessage error) {
        super(error.message(), Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(ProtocolJson.JSONB.toJson(error))
                .build());
        this.error = error;
    }

    ErrorMessage error() {
        return error;
    }
}
