package io.quotecast.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A stand-in for an external price feed. The tests run outside the server, so they publish
 * through a tiny WAR deployed next to the EAR: the request body goes to the price topic as is.
 */
final class FeedProbe {

    /** The probe's deployment name, which is also its context root. */
    static final String NAME = "feed-probe";

    private static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd"
                   version="4.0" bean-discovery-mode="all">
            </beans>
            """;

    private FeedProbe() {
    }

    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, NAME + ".war")
                .addClass(FeedProbeServlet.class)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
    }

    /** Publishes one feed message, exactly as given; the probe answers 202 once it is sent. */
    static void publish(String message) {
        post("/publish", message);
    }

    /** Publishes the messages back to back, in this order, from one producer; 202 once all are sent. */
    static void publishAll(List<String> messages) {
        post("/publish-lines", String.join("\n", messages));
    }

    private static void post(String path, String message) {
        URI publish = QuotecastServer.otherApplication("/" + NAME + path);
        HttpResponse<String> response = Api.post(publish, message);
        assertEquals(202, response.statusCode(), () -> "POST " + publish + " answered " + response.statusCode()
                + ": " + response.body());
    }
}
