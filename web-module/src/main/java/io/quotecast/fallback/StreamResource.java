package io.quotecast.fallback;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.Optional;

/**
 * Server-Sent Events, the first fallback (docs/protocol.md, "Server-Sent Events"):
 * {@code GET /api/stream?symbols=…} streams welcome, snapshot, then every quote, as a WebSocket
 * subscription would. A browser's automatic reconnect sends {@code Last-Event-ID}; a client that
 * reconnects itself passes the same cursor as {@code since}. Either way only what changed since
 * is in the snapshot.
 */
@Path("/stream")
@RequestScoped
public class StreamResource {

    @Inject
    SseStreams streams;

    @Inject
    FallbackAdmission admission;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@QueryParam("symbols") String symbols, @QueryParam("since") String since,
                       @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        FallbackAdmission.Admitted admitted;
        try {
            admitted = admission.admit(request, symbols, since);
        } catch (RefusedRequest e) {
            // Before anything is written to the sink, so the refusal goes out instead of a stream.
            throw new WebApplicationException(e.response());
        }
        // The browser's own reconnect is more recent than the URL it reuses; an id we cannot
        // read (another server's) just means a full snapshot.
        Optional<Cursor> resumeFrom = Optional.ofNullable(lastEventId).flatMap(Cursor::parse).or(admitted::since);
        try {
            streams.open(sink, sse, admitted.symbols(), resumeFrom, admitted.entitlement(), admitted.releaseSlot());
        } catch (RuntimeException e) {
            admitted.releaseSlot().run();
            throw e;
        }
    }
}
