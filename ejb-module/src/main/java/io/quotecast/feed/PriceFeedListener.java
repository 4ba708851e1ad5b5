package io.quotecast.feed;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes the price topic. The destination is given by its physical name (not a JNDI lookup)
 * so that both WildFly's Artemis adapter and Payara's OpenMQ adapter activate it. One consumer
 * only: prices of a symbol must be applied in the order the feed sent them, and the fan-out keeps
 * up with far more than one thread's worth of feed. Each resource adapter names that limit its
 * own way, so it is set in each server's descriptor (META-INF/jboss-ejb3.xml for Artemis on
 * WildFly, META-INF/glassfish-ejb-jar.xml for OpenMQ on Payara), not here, where every server
 * would warn about the other's properties at each deployment. No transaction: a price is worth
 * nothing once superseded, so a message lost in a crash is replaced by the next one, and nothing
 * here throws, so nothing is ever redelivered in a loop. Should a bug ever make delivery fail,
 * the message is retried a bounded number of times and then parked on the broker's dead-letter
 * destination: on Payara by glassfish-ejb-jar.xml, on WildFly by the address setting in
 * ear/src/main/wildfly/quotecast.cli (Artemis takes it from the broker, not from the bean).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = PriceTopic.PHYSICAL_NAME),
        @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Auto-acknowledge")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PriceFeedListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(PriceFeedListener.class.getName());

    @Inject
    PriceIntake intake;

    @Override
    public void onMessage(Message message) {
        try {
            if (message instanceof TextMessage text) {
                intake.onText(text.getText());
            } else {
                intake.onNotText(message == null ? "null" : message.getClass().getSimpleName());
            }
        } catch (JMSException e) {
            intake.onNotText("unreadable text message");
        } catch (RuntimeException e) {
            // The intake already keeps a push-side bug to one price; anything else must cost this
            // message, never the feed: throwing here would make the container discard this bean
            // or redeliver.
            LOG.log(Level.SEVERE, "Feed message could not be applied", e);
        }
    }
}
