package io.quotecast.feed;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSProducer;
import jakarta.jms.Topic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.quotecast.instrument.InstrumentCatalog;
import io.quotecast.quote.PriceTick;

/**
 * A demo market: publishes random-walk prices for the whole catalog to the price topic through
 * JMS, exactly as an external feed would, so the demo exercises the production path. Each tick's
 * prices go in one message, as a feed that batches sends them ({@code
 * quotecast.feed.simulated.batch=false}: one message a price). Runs on a container timer; the
 * singleton's write lock keeps the walk single-threaded. Turned off with
 * {@code quotecast.feed.simulated=false} where a real feed publishes. With
 * {@code quotecast.feed.simulated.direct=true} (benchmarks only) the same messages go straight to
 * the {@link PriceIntake} on the timer's thread, skipping the broker and the MDB, so that a run
 * with and one without show what JMS costs per update.
 */
@JMSDestinationDefinition(
        name = PriceTopic.JNDI_NAME,
        interfaceName = "jakarta.jms.Topic",
        destinationName = PriceTopic.PHYSICAL_NAME,
        description = "Quotecast price feed")
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SimulatedFeed {

    private static final Logger LOG = Logger.getLogger(SimulatedFeed.class.getName());
    /** Well inside the feed contract's limits for an array, at the walk's longest prices. */
    static final int PRICES_PER_MESSAGE = 100;

    @Resource
    TimerService timers;

    @Resource(lookup = PriceTopic.JNDI_NAME)
    Topic topic;

    @Inject
    JMSContext jms;

    @Inject
    InstrumentCatalog catalog;

    @Inject
    FeedSettings settings;

    @Inject
    PriceIntake intake;

    private RandomWalk walk;
    private PublishSchedule schedule;
    private long failures;

    @PostConstruct
    void start() {
        if (!settings.simulated()) {
            LOG.info("Simulated feed is off (quotecast.feed.simulated=false): waiting for an external feed");
            return;
        }
        walk = new RandomWalk(catalog.instruments(), new SplittableRandom());
        schedule = new PublishSchedule(settings.simulatedRate(), System.nanoTime());
        scheduleNext();
        LOG.info(() -> "Simulated feed publishing " + settings.simulatedRate() + " prices/s for "
                + catalog.symbols().size() + " symbols " + (settings.simulatedDirect()
                ? "straight to the intake, skipping the broker (quotecast.feed.simulated.direct=true)"
                : "to " + PriceTopic.PHYSICAL_NAME));
    }

    // A single-action timer re-armed after each tick, not an interval timer: a slow tick (the
    // first JMS connection, a broker restart) then delays the next one instead of overlapping it.
    private void scheduleNext() {
        timers.createSingleActionTimer(settings.tickMillis(), new TimerConfig("simulated-feed", false));
    }

    @Timeout
    void tick(Timer timer) {
        try {
            publish(schedule.due(System.nanoTime()));
        } finally {
            scheduleNext();
        }
    }

    /** Publishes {@code count} prices: to the topic, or straight to the intake when direct. */
    void publish(int count) {
        if (count == 0) {
            return;
        }
        List<String> messages = messages(walk.next(count, Instant.now()));
        if (settings.simulatedDirect()) {
            messages.forEach(intake::onText);
            return;
        }
        try {
            // Persistent (the default), although a price is worth nothing once the next is out: the
            // send then waits for the broker's acknowledgement, which holds the feed back when the
            // broker is behind. Non-persistent sends let it run ahead and build seconds of backlog
            // on a busy node (docs/tuning.md, "Tried and not kept").
            JMSProducer producer = jms.createProducer();
            for (String message : messages) {
                producer.send(topic, message);
            }
        } catch (RuntimeException e) {
            // The broker may be restarting; the next tick tries again. Log the first of a run only.
            if (failures++ == 0) {
                LOG.log(Level.WARNING, "Simulated feed cannot publish; will keep trying", e);
            }
            return;
        }
        if (failures > 0) {
            LOG.info("Simulated feed publishing again after " + failures + " failed ticks");
            failures = 0;
        }
    }

    /**
     * A tick's prices as messages: arrays of up to {@value #PRICES_PER_MESSAGE} when batching (each
     * send through the broker costs the node far more than a price in it), one each otherwise.
     */
    private List<String> messages(List<PriceTick> ticks) {
        if (!settings.simulatedBatch()) {
            return ticks.stream().map(PriceMessageFormat::format).toList();
        }
        List<String> messages = new ArrayList<>();
        for (int from = 0; from < ticks.size(); from += PRICES_PER_MESSAGE) {
            messages.add(PriceMessageFormat.formatAll(ticks.subList(from, Math.min(ticks.size(), from + PRICES_PER_MESSAGE))));
        }
        return messages;
    }
}
