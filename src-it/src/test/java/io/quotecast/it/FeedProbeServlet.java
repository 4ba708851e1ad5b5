package io.quotecast.it;

import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Deployed by the tests, never shipped: {@code POST /feed-probe/publish} publishes the request
 * body, unchanged, as a text message to the price topic, the way an external feed would. The
 * topic is addressed by its physical name, which Artemis and OpenMQ both resolve.
 */
@WebServlet("/publish")
public class FeedProbeServlet extends HttpServlet {

    /** Quotecast's price topic, by physical name (see the EAR's PriceTopic). */
    static final String PRICE_TOPIC = "quotecastPrices";

    @Inject
    JMSContext jms;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jms.createProducer().send(jms.createTopic(PRICE_TOPIC), body);
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
    }
}
