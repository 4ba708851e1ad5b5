package io.quotecast.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

import io.quotecast.instrument.Instrument;
import io.quotecast.instrument.InstrumentCatalog;

/** The catalog with names and previous closes, for pages that show more than the symbol. */
@Path("/instruments")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class InstrumentsResource {

    @Inject
    InstrumentCatalog catalog;

    @GET
    public List<Instrument> all() {
        return catalog.instruments();
    }
}
