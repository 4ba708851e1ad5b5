package io.quotecast.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Failed logins per client address ({@code quotecast.login.failures-per-minute}, 20 by default):
 * once an address has spent its allowance, its credentials are not checked at all until the
 * allowance comes back, so that neither guessing passwords nor making the server hash them (a
 * PBKDF2 check costs tens of milliseconds of a core, on purpose) scales with one client's
 * requests. Only failures count: a caller whose credentials are right is never slowed down,
 * except behind the same address as someone who keeps failing.
 *
 * <p>An IPv6 client counts by its /64, the block one host or household usually gets, or any
 * client could guess from a fresh address every few requests.
 *
 * <p>Bounded: at most {@value #TRACKED_ADDRESSES} addresses are remembered; those whose allowance
 * is whole again are forgotten first, and when every one of them is still short, a new address is
 * not tracked (logged, at most once a minute) rather than anyone's being dropped.
 */
@ApplicationScoped
public class FailedLogins {

    static final int TRACKED_ADDRESSES = 10_000;

    private static final Logger LOG = Logger.getLogger(FailedLogins.class.getName());
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    /**
     * Hex digits, colons and dots (an embedded IPv4), and a zone, starting with a hex digit or a
     * colon: what InetAddress parses as a literal and never looks up.
     */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*(%[0-9A-Za-z._-]+)?");

    private final ConcurrentMap<String, FailureBudget> budgets = new ConcurrentHashMap<>();
    private final AtomicLong lastFullLog = new AtomicLong();
    private int perMinute;
    private LongSupplier nanoTime;

    protected FailedLogins() {
    }

    @Inject
    public FailedLogins(SecuritySettings settings) {
        this(settings.failedLoginsPerMinute(), System::nanoTime);
    }

    public FailedLogins(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
        this.lastFullLog.set(nanoTime.getAsLong() - LOG_INTERVAL_NANOS);
    }

    /**
     * Before {@code address}'s credentials are checked: takes one failure's worth of its
     * allowance, given back by {@link #succeeded} (so concurrent requests cannot all pass on its
     * last one); 0 if they may be checked now, else the whole seconds it must wait. An address
     * with no failure yet has nothing to reserve from.
     */
    public long reserve(String address) {
        FailureBudget budget = perMinute == 0 ? null : budgets.get(keyOf(address));
        if (budget == null) {
            return 0;
        }
        long nanos = budget.tryReserve(nanoTime.getAsLong());
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /** The credentials were right: what {@link #reserve} took is given back. */
    public void succeeded(String address) {
        FailureBudget budget = perMinute == 0 ? null : budgets.get(keyOf(address));
        if (budget != null) {
            budget.refund(nanoTime.getAsLong());
        }
    }

    /**
     * The credentials were wrong: the reservation is the failure's cost. An address failing for
     * the first time gets an allowance, spent by one (its first concurrent failures all count as
     * that one: a first burst passes with at most the client's concurrency).
     */
    public void failed(String clientAddress) {
        if (perMinute == 0) {
            return;
        }
        String address = keyOf(clientAddress);
        if (budgets.containsKey(address)) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (budgets.size() >= TRACKED_ADDRESSES) {
            budgets.values().removeIf(b -> b.whole(now));
            if (budgets.size() >= TRACKED_ADDRESSES) {
                untracked(address, now);
                return;
            }
        }
        budgets.computeIfAbsent(address, a -> new FailureBudget(perMinute, now)).spend(now);
    }

    /** The address itself, or for IPv6 its /64; a string that is no IP literal is kept as it is, never looked up. */
    static String keyOf(String address) {
        if (address == null || address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
            return address;
        }
        try {
            InetAddress literal = InetAddress.getByName(address.replaceFirst("%.*$", ""));
            byte[] bytes = literal.getAddress();
            if (bytes.length != 16) {
                // An IPv4 address written the IPv6 way (::ffff:192.0.2.1) is that IPv4 address.
                return literal.getHostAddress();
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** Addresses remembered now (for tests and the bound). */
    int tracked() {
        return budgets.size();
    }

    private void untracked(String address, long now) {
        long last = lastFullLog.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastFullLog.compareAndSet(last, now)) {
            LOG.warning(() -> "Failed logins: " + TRACKED_ADDRESSES + " addresses are each short of their allowance; "
                    + address + " and other new ones are not limited until some recover");
        }
    }
}
