package io.quotecast.feed;

/**
 * Where prices arrive. Producers inside the EAR look the topic up by {@link #JNDI_NAME}; the MDB
 * and any feed outside the server address it by {@link #PHYSICAL_NAME}, which is the same on
 * WildFly's ActiveMQ Artemis and on Payara's OpenMQ (letters only, so both brokers accept it).
 */
public final class PriceTopic {

    public static final String JNDI_NAME = "java:app/jms/quotecast/prices";
    public static final String PHYSICAL_NAME = "quotecastPrices";

    private PriceTopic() {
    }
}
