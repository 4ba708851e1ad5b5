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
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;

import java.util.Enumeration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fills the last-value cache from the broker when the node starts, so that its first snapshots
 * are correct instead of waiting for the next price of each symbol. The broker keeps the newest
 * price of every symbol in a last-value queue on the price address (cluster/broker-addresses.xml);
 * this browses it, never consuming, through the default JMS connection factory, and hands each
 * message to {@link PriceIntake#onSnapshot}. Feed seqs make the order with the live topic
 * harmless: whichever of the two copies of a price comes second is skipped.
 *
 * <p>The browse waits until the MDB has received its first message: only then is its
 * subscription known to exist, so that every price is either in the snapshot or on its way
 * through the subscription (a snapshot taken before would miss what is published in between,
 * for as long as the MDB takes to connect). A feed that stays silent for
 * {@code quotecast.feed.stale-after-seconds} has nothing to miss: the browse goes ahead then.
 *
 * <p>Only when {@code quotecast.snapshot.queue} names the queue (the external-broker topology);
 * otherwise the snapshot counts as loaded at once. The first attempt runs on a container timer
 * right after start, never in the deployment itself: with the broker down, connecting can take a
 * while (however long the connection factory keeps trying), and the deployment must not wait for
 * it. If the broker cannot be reached, the timer tries again every {@value #RETRY_MILLIS} ms;
 * until it has succeeded the node is not ready ({@link SnapshotState}).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SnapshotLoader {

    static final long RETRY_MILLIS = 2000;
    /** How often to look whether the MDB has received its first message. */
    static final long WAIT_MILLIS = 100;
    /**
     * A browser also sees prices that arrive while it reads; a feed catching up after an outage
     * could keep it reading for long. Past this, the live topic brings the rest.
     */
    static final long BROWSE_NANOS = 5_000_000_000L;
    private static final Logger LOG = Logger.getLogger(SnapshotLoader.class.getName());

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory factory;

    @Resource
    TimerService timers;

    @Inject
    FeedSettings settings;

    @Inject
    PriceIntake intake;

    @Inject
    SnapshotState state;

    @Inject
    FeedStats stats;

    private int failures;
    private long startedNanos;

    @PostConstruct
    void start() {
        if (settings.snapshotQueue().isEmpty()) {
            state.markLoaded();
            return;
        }
        startedNanos = System.nanoTime();
        timers.createSingleActionTimer(1, new TimerConfig("snapshot", false));
    }

    @Timeout
    void retry(Timer timer) {
        boolean subscribed = stats.receivedCount() > 0;
        boolean quiet = System.nanoTime() - startedNanos > settings.staleAfterSeconds() * 1_000_000_000L;
        if (!subscribed && !quiet) {
            timers.createSingleActionTimer(WAIT_MILLIS, new TimerConfig("snapshot-wait", false));
            return;
        }
        load();
    }

    private void load() {
        String queue = settings.snapshotQueue().orElseThrow();
        long started = System.nanoTime();
        SnapshotTally tally = new SnapshotTally();
        try (JMSContext jms = factory.createContext()) {
            try (QueueBrowser browser = jms.createBrowser(jms.createQueue(queue))) {
                Enumeration<?> messages = browser.getEnumeration();
                while (messages.hasMoreElements() && System.nanoTime() - started < BROWSE_NANOS) {
                    tally.add(messages.nextElement() instanceof TextMessage text ? intake.onSnapshot(text.getText())
                            : Optional.of(FeedRejection.NOT_TEXT));
                }
            }
        } catch (JMSException | JMSRuntimeException e) {
            if (failures++ == 0) {
                LOG.log(Level.WARNING, "Cannot read the snapshot from " + queue + "; trying again every "
                        + RETRY_MILLIS + " ms, not ready until then", e);
            }
            timers.createSingleActionTimer(RETRY_MILLIS, new TimerConfig("snapshot-retry", false));
            return;
        }
        state.markLoaded();
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.log(tally.level(), tally.line(queue, millis));
    }
}
