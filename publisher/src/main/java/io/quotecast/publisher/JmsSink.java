package io.quotecast.publisher;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Sends to the price topic of an ActiveMQ Artemis broker through its Jakarta JMS client. Each
 * message also carries the string property {@code symbol}: the broker's last-value queue keys on
 * it, which is how a node that starts gets a snapshot (docs/deployment.md). The client reconnects
 * by itself when the broker goes away (the URL gets {@code reconnectAttempts=-1} unless it says
 * otherwise); a send made meanwhile waits, and shows as late. A message of several prices carries
 * no {@code symbol}: its prices' snapshot copies go one by one to the last-value queue itself,
 * named by its fully qualified name ({@code address::queue}), which Artemis routes to that queue
 * alone, so that the nodes' subscriptions never see them.
 */
public final class JmsSink implements PriceSink {

    static final String RECONNECT = "reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=1.5&maxRetryInterval=2000";

    private static final Pattern PASSWORD_OPTION = Pattern.compile("([?&][^=&]*(?i:password)=)[^&]*");

    private final ActiveMQConnectionFactory factory;
    private final JMSContext context;
    private final JMSProducer producer;
    private final Topic topic;
    private final Optional<Destination> snapshot;

    /** One price a message only, or arrays with no snapshot copies. */
    public JmsSink(String brokerUrl, String user, String password, String topicName, boolean persistent) {
        this(brokerUrl, user, password, topicName, Optional.empty(), persistent);
    }

    /** @param snapshotQueue the last-value queue's fully qualified name, for {@link #sendToSnapshot} */
    public JmsSink(String brokerUrl, String user, String password, String topicName, Optional<String> snapshotQueue,
                   boolean persistent) {
        factory = new ActiveMQConnectionFactory(withReconnect(brokerUrl), user, password);
        context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        topic = context.createTopic(topicName);
        // A topic destination: the message then has the multicast routing type of the queue's address.
        snapshot = snapshotQueue.map(context::createTopic);
        producer = context.createProducer()
                .setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
    }

    static String withReconnect(String url) {
        if (url.contains("reconnectAttempts=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + RECONNECT;
    }

    /**
     * The URL as it may be printed: the value of every option whose name ends in "password"
     * ({@code trustStorePassword}, {@code keyStorePassword}) becomes {@code ****}, as the Artemis
     * client does in its own logs, so that a log or a terminal never shows a store's password.
     */
    static String withPasswordsHidden(String url) {
        return PASSWORD_OPTION.matcher(url).replaceAll("$1****");
    }

    @Override
    public void send(String symbol, String json) {
        producer.send(topic, withSymbol(symbol, json));
    }

    @Override
    public void sendAll(String json) {
        producer.send(topic, context.createTextMessage(json));
    }

    @Override
    public void sendToSnapshot(String symbol, String json) {
        producer.send(snapshot.orElseThrow(() -> new IllegalStateException("no snapshot queue given")),
                withSymbol(symbol, json));
    }

    private TextMessage withSymbol(String symbol, String json) {
        TextMessage message = context.createTextMessage(json);
        try {
            message.setStringProperty("symbol", symbol);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("cannot set the symbol property", e);
        }
        return message;
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            factory.close();
        }
    }
}
