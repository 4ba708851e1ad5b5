package io.quotecast.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quotecast.protocol.ErrorCode;
import io.quotecast.protocol.ErrorMessage;

/** HTTP errors carry the protocol's error body, so clients parse one format on every transport. */
final class ApiErrors {

    private ApiErrors() {
    }

    static Response of(Response.Status status, ErrorCode code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(code, message)).build();
    }
}
