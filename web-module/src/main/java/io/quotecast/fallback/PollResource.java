package io.quotecast.fallback;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * Long polling, the last fallback (docs/protocol.md, "Long polling"): {@code GET /api/poll?symbols=…&since=…}
 * answers at once when something is newer than {@code since}, or holds the request until there
 * is or the timeout passes.
 */
@Path("/poll")
@RequestScoped
public class PollResource {

    @Inject
    PollWaiters waiters;

    @Inject
    FallbackAdmission admission;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public void poll(@QueryParam("symbols") String symbols, @QueryParam("since") String since,
                     @Suspended AsyncResponse response) {
        FallbackAdmission.Admitted admitted;
        try {
            admitted = admission.admit(request, symbols, since);
        } catch (RefusedRequest e) {
            response.resume(e.response());
            return;
        }
        waiters.await(admitted.symbols(), admitted.since(), response, admitted.releaseSlot());
    }
}
