package io.quotecast.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Topic;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Deployed by the tests, never shipped: {@code POST /feed-probe/publish} publishes the request
 * body, unchanged, as a text message to the price topic, the way an external feed would;
 * {@code POST /feed-probe/publish-lines} publishes each line of the body as a message of its own,
 * in order from one producer and in one transaction, so that the broker hands the whole burst to
 * its consumers at once, as a busy feed's messages arrive. The topic is addressed by its physical
 * name, which Artemis and OpenMQ both resolve.
 */
@WebServlet({"/publish", "/publish-lines"})
public class FeedProbeServlet extends HttpServlet {

    /** Quotecast's price topic, by physical name (see the EAR's PriceTopic). */
    static final String PRICE_TOPIC = "quotecastPrices";

    @Inject
    JMSContext jms;

    @Resource
    UserTransaction transaction;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        JMSProducer producer = jms.createProducer();
        Topic topic = jms.createTopic(PRICE_TOPIC);
        if (request.getServletPath().equals("/publish-lines")) {
            try {
                transaction.begin();
                body.lines().forEach(line -> producer.send(topic, line));
                transaction.commit();
            } catch (Exception e) {
                throw new ServletException("the burst was not published", e);
            }
        } else {
            producer.send(topic, body);
        }
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
    }
}
