package io.quotecast.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts sessions per client address and in total, so that a handshake over a limit is refused
 * before the upgrade. A slot is taken by the handshake filter and given back when the session
 * closes (or when the upgrade did not happen). Lock-free; entries of addresses with no session
 * left are removed so the map stays bounded by the number of live sessions.
 */
@ApplicationScoped
public class ConnectionSlots {

    /** The outcome of asking for a slot ({@code DRAINING}: the node takes no new session). */
    public enum Admission { ADMITTED, ADDRESS_FULL, SERVER_FULL, DRAINING }

    private final ConcurrentMap<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private int maxTotal;
    private int maxPerAddress;
    private volatile boolean closedToNew;

    protected ConnectionSlots() {
    }

    @Inject
    public ConnectionSlots(GuardSettings settings) {
        this(settings.maxSessions(), settings.maxSessionsPerAddress());
    }

    public ConnectionSlots(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    public Admission acquire(String address) {
        if (closedToNew) {
            return Admission.DRAINING;
        }
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Admission.SERVER_FULL;
        }
        Admission[] outcome = {Admission.ADMITTED};
        byAddress.compute(address, (a, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            if (c.get() >= maxPerAddress) {
                outcome[0] = Admission.ADDRESS_FULL;
            } else {
                c.incrementAndGet();
            }
            return c.get() == 0 ? null : c;
        });
        if (outcome[0] != Admission.ADMITTED) {
            total.decrementAndGet();
        }
        return outcome[0];
    }

    /**
     * From now on every new session is refused ({@link Admission#DRAINING}); those open keep their
     * slots. One-way, as draining is: a client that reached a draining node (its balancer had not
     * noticed yet) would otherwise be served there until the node stops.
     */
    public void closeToNewSessions() {
        closedToNew = true;
    }

    public void release(String address) {
        byAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
        total.decrementAndGet();
    }

    public int total() {
        return total.get();
    }

    public int of(String address) {
        AtomicInteger count = byAddress.get(address);
        return count == null ? 0 : count.get();
    }
}
