package io.quotecast.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Failed logins per client address ({@code quotecast.login.failures-per-minute}, 20 by default):
 * once an address has spent its allowance, its credentials are not checked at all until the
 * allowance comes back, so that neither guessing passwords nor making the server hash them (a
 * PBKDF2 check costs tens of milliseconds of a core, on purpose) scales with one client's
 * requests. Only failures count: a caller whose credentials are right is never slowed down,
 * except behind the same address as someone who keeps failing.
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

    /** 0 if {@code address}'s credentials may be checked now, else the whole seconds it must wait. */
    public long secondsToWait(String address) {
        FailureBudget budget = perMinute == 0 ? null : budgets.get(address);
        if (budget == null) {
            return 0;
        }
        long nanos = budget.nanosToWait(nanoTime.getAsLong());
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /** Credentials from {@code address} were wrong. */
    public void failed(String address) {
        if (perMinute == 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        FailureBudget budget = budgets.get(address);
        if (budget == null) {
            if (budgets.size() >= TRACKED_ADDRESSES) {
                budgets.values().removeIf(b -> b.whole(now));
                if (budgets.size() >= TRACKED_ADDRESSES) {
                    untracked(address, now);
                    return;
                }
            }
            budget = budgets.computeIfAbsent(address, a -> new FailureBudget(perMinute, now));
        }
        budget.spend(now);
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
