package com.reftab.scim.outbox;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The event pipeline as the relay sees it: {@code DEGRADED} while a tenant is held behind a refused
 * event or the relay is waiting out a failure, {@code UP} otherwise. Shown on {@code /actuator/health}
 * and in its own group ({@code /actuator/health/pipeline}), never in the readiness group: the API
 * keeps working and keeps recording events meanwhile.
 */
@Component("outboxRelayHealthIndicator")
class OutboxRelayHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Events are not all reaching Kafka");

    private final OutboxHolds holds;
    private final RelayBackOff backOff;

    OutboxRelayHealth(OutboxHolds holds, RelayBackOff backOff) {
        this.holds = holds;
        this.backOff = backOff;
    }

    @Override
    public Health health() {
        long heldTenants = holds.heldTenantCount();
        var failing = backOff.failing();
        if (heldTenants == 0 && failing.isEmpty()) {
            return Health.up().build();
        }
        Health.Builder health = Health.status(DEGRADED)
                .withDetail("heldTenants", heldTenants)
                .withDetail("heldEvents", holds.heldEventCount());
        failing.ifPresent(f -> health.withDetail("relayFailingSince", f.since().toString())
                .withDetail("relayFailedTries", f.attempts())
                .withDetail("relayLastFailure", f.reason()));
        return health.build();
    }
}
