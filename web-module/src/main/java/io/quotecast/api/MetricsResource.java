package io.quotecast.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * The counters of /api/stats for Prometheus to scrape ({@link PrometheusText}); the same role
 * guards both (web.xml).
 */
@Path("/metrics")
@RequestScoped
public class MetricsResource {

    @Inject
    StatsCollector collector;

    @GET
    @Produces(PrometheusText.CONTENT_TYPE)
    public String metrics() {
        return PrometheusText.render(collector.collect());
    }
}
