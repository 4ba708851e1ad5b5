package io.quotecast.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.TimerService;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Topic;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quotecast.instrument.Instrument;
import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.quote.LastValueCache;
import io.quotecast.quote.QuoteUpdated;

/** What the simulated feed sends, recorded by stand-ins for the container's JMS and timers. */
class SimulatedFeedTest {

    /** One send: the delivery mode the producer had at that moment, the destination and the text. */
    private record Sent(int deliveryMode, Object destination, String text) {
    }

    private static final int PRICES_PER_MESSAGE_PLUS_ONE = SimulatedFeed.PRICES_PER_MESSAGE + 1;

    private final InstrumentCatalog catalog = new InstrumentCatalog(List.of(
            new Instrument("AAPL", "XNAS", "Apple Inc.", new BigDecimal("229.87")),
            new Instrument("MSFT", "XNAS", "Microsoft Corporation", new BigDecimal("415.49"))));
    private final Topic topic = proxy(Topic.class, (method, args) -> null);
    private final List<Sent> sent = new ArrayList<>();
    private final List<QuoteUpdated> announced = new ArrayList<>();

    private SimulatedFeed feed(boolean direct) {
        return feed(direct, false);
    }

    private SimulatedFeed feed(boolean direct, boolean batch) {
        SimulatedFeed feed = new SimulatedFeed();
        feed.timers = proxy(TimerService.class, (method, args) -> null);
        feed.topic = topic;
        feed.jms = proxy(JMSContext.class, (method, args) -> method.equals("createProducer") ? producer() : null);
        feed.catalog = catalog;
        feed.settings = new FeedSettings(true, direct, batch, 100, 100, 10, Optional.empty());
        feed.intake = new PriceIntake(Clock.systemUTC(), new LastValueCache(catalog), new FeedStats(), announced::add);
        feed.start();
        return feed;
    }

    private JMSProducer producer() {
        int[] mode = {DeliveryMode.PERSISTENT};
        JMSProducer[] self = new JMSProducer[1];
        self[0] = proxy(JMSProducer.class, (method, args) -> switch (method) {
            case "setDeliveryMode" -> {
                mode[0] = (int) args[0];
                yield self[0];
            }
            case "send" -> {
                sent.add(new Sent(mode[0], args[0], (String) args[1]));
                yield self[0];
            }
            default -> self[0];
        });
        return self[0];
    }

    @Test
    void pricesGoToThePriceTopicAsPersistentMessagesTheIntakeAccepts() {
        feed(false).publish(3);

        assertEquals(3, sent.size());
        for (Sent message : sent) {
            assertEquals(DeliveryMode.PERSISTENT, message.deliveryMode(), "the broker's acknowledgement holds the feed back");
            assertTrue(message.destination() == topic, "to the price topic");
            assertNull(new PriceMessageFormat(Clock.systemUTC()).parse(message.text()).rejection(), message.text());
        }
        assertEquals(List.of(), announced, "through the broker only");
    }

    @Test
    void batchingSendsATicksPricesAsArraysOfAtMostTheirShareInOrder() {
        feed(false, true).publish(PRICES_PER_MESSAGE_PLUS_ONE);

        PriceMessageFormat format = new PriceMessageFormat(Clock.systemUTC());
        assertEquals(2, sent.size(), "one full array and the one price left over");
        List<PriceMessageFormat.Parsed> first = format.parseAll(sent.get(0).text());
        List<PriceMessageFormat.Parsed> second = format.parseAll(sent.get(1).text());
        assertEquals(SimulatedFeed.PRICES_PER_MESSAGE, first.size());
        assertEquals(1, second.size());
        assertTrue(sent.get(0).text().length() <= PriceMessageFormat.MAX_ARRAY_LENGTH, "within the contract");
        for (Sent message : sent) {
            assertEquals(DeliveryMode.PERSISTENT, message.deliveryMode());
            assertTrue(message.destination() == topic, "to the price topic");
        }
        Map<String, Long> lastVolume = new HashMap<>();
        for (PriceMessageFormat.Parsed parsed : first) {
            assertNull(parsed.rejection(), parsed.detail());
            long volume = parsed.tick().volume().orElseThrow();
            Long before = lastVolume.put(parsed.tick().symbol(), volume);
            assertTrue(before == null || volume > before, "each symbol's cumulative volume rises along the array: the walk's order");
        }
    }

    @Test
    void batchingDirectHandsEveryPriceToTheIntake() {
        feed(true, true).publish(PRICES_PER_MESSAGE_PLUS_ONE);

        assertEquals(List.of(), sent);
        assertEquals(PRICES_PER_MESSAGE_PLUS_ONE, announced.size());
    }

    @Test
    void directHandsThePricesToTheIntakeWithoutTheBroker() {
        feed(true).publish(3);

        assertEquals(List.of(), sent);
        assertEquals(3, announced.size());
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args == null ? new Object[0] : args)));
    }
}
