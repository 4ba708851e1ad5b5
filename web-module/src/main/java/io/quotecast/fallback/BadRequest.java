package io.quotecast.fallback;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

import io.quotecast.protocol.ErrorCode;
import io.quotecast.protocol.ErrorMessage;
import io.quotecast.protocol.ProtocolJson;

/**
 * A refused request parameter, with the protocol's error object that the 400 carries, so
 * fallback clients parse one error format. A plain exception, so that parameter parsing can be
 * tested without a REST runtime; {@link #response()} builds the HTTP answer.
 */
final class BadRequest extends RuntimeException {

    private final transient ErrorMessage error;

    BadRequest(ErrorCode code, String message) {
        this(new ErrorMessage(code, message));
    }

    BadRequest(ErrorCode code, String message, List<String> symbols) {
        this(new ErrorMessage(code, message, symbols));
    }

    private BadRequest(ErrorMessage error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    ErrorMessage error() {
        return error;
    }

    Response response() {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(ProtocolJson.JSONB.toJson(error))
                .build();
    }
}
