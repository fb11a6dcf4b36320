package com.reftab.scim.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bound on each tenant's requests in flight on this instance. The rate limit counts requests
 * started per minute; this counts those not finished yet, so a tenant whose uploads are slow or
 * whose calls are expensive holds at most this many request threads, and never all of them.
 * Over the bound a call is refused at once rather than queued: a queue would hold threads too.
 */
public class TenantBulkhead {

    private final int maxInFlight;
    private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();

    /** @param maxInFlight calls a tenant may have in flight at once; 0 or less turns the bound off */
    public TenantBulkhead(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /** @return a permit to release when the call is answered, or empty when the tenant is at its bound */
    public Optional<Permit> tryEnter(String tenantId) {
        if (maxInFlight <= 0) {
            return Optional.of(new Permit(() -> { }));
        }
        Semaphore permits = inFlight.computeIfAbsent(tenantId, id -> new Semaphore(maxInFlight));
        return permits.tryAcquire() ? Optional.of(new Permit(permits::release)) : Optional.empty();
    }

    /** @return calls a tenant may have in flight at once; 0 or less when the bound is off */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** @return the tenant's calls in flight now */
    public int inFlight(String tenantId) {
        Semaphore permits = inFlight.get(tenantId);
        return permits == null || maxInFlight <= 0 ? 0 : maxInFlight - permits.availablePermits();
    }

    /** One call's place in its tenant's bound; releasing it more than once has no further effect. */
    public static final class Permit {

        private final Runnable giveBack;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(Runnable giveBack) {
            this.giveBack = giveBack;
        }

        /** @return one permit that gives back this place and the other one together */
        public Permit with(Permit other) {
            return new Permit(() -> {
                release();
                other.release();
            });
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                giveBack.run();
            }
        }
    }
}
