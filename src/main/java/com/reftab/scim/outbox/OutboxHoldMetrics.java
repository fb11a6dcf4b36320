package com.reftab.scim.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Tenants held behind an event Kafka refused for good, and the events waiting behind those holds: alert on either above zero. */
@Component
class OutboxHoldMetrics {

    OutboxHoldMetrics(MeterRegistry registry, OutboxHolds holds) {
        Gauge.builder("reftab.outbox.held.tenants", holds, OutboxHolds::heldTenantCount)
                .description("Tenants whose events wait behind an event Kafka refused for good")
                .register(registry);
        Gauge.builder("reftab.outbox.held.events", holds, OutboxHolds::heldEventCount)
                .description("Events waiting behind a refused event of their tenant, the refused ones included")
                .register(registry);
    }
}
