package io.quotecast.fallback;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

import io.quotecast.protocol.ErrorCode;
import io.quotecast.protocol.ErrorMessage;
import io.quotecast.protocol.ProtocolJson;

/**
 * A refused request, with the protocol's error object that the answer carries, so fallback
 * clients parse one error format: 400 for a parameter that breaks a rule, 403 for symbols the
 * caller is not entitled to, 429 and 503 for a client or server at its connection limit. A plain exception, so that parameter parsing can be
 * tested without a REST runtime; {@link #response()} builds the HTTP answer.
 */
final class RefusedRequest extends RuntimeException {

    private final transient ErrorMessage error;
    private final Response.Status status;

    RefusedRequest(ErrorCode code, String message) {
        this(Response.Status.BAD_REQUEST, new ErrorMessage(code, message));
    }

    RefusedRequest(ErrorCode code, String message, List<String> symbols) {
        this(code == ErrorCode.FORBIDDEN ? Response.Status.FORBIDDEN : Response.Status.BAD_REQUEST,
                new ErrorMessage(code, message, symbols));
    }

    RefusedRequest(Response.Status status, ErrorCode code, String message) {
        this(status, new ErrorMessage(code, message));
    }

    private RefusedRequest(Response.Status status, ErrorMessage error) {
        super(error.message(), null, false, false);
        this.status = status;
        this.error = error;
    }

    ErrorMessage error() {
        return error;
    }

    Response.Status status() {
        return status;
    }

    Response response() {
        Response.ResponseBuilder response = Response.status(status);
        if (status == Response.Status.SERVICE_UNAVAILABLE) {
            response.header("Retry-After", "5");
        }
        return response
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(ProtocolJson.JSONB.toJson(error))
                .build();
    }
}
