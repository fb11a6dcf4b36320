package com.reftab.scim.outbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** How far Kafka is behind the directory: events waiting in the outbox, and how long the oldest has waited. */
@Component
class OutboxMetrics {

    OutboxMetrics(MeterRegistry registry, OutboxRelay relay, JdbcTemplate jdbc) {
        Gauge.builder("reftab.outbox.backlog", relay, OutboxRelay::backlog)
                .description("Committed events not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("reftab.outbox.oldest.age", jdbc, OutboxMetrics::oldestAgeSeconds)
                .description("Seconds the oldest unpublished event has waited")
                .baseUnit("seconds")
                .register(registry);
    }

    private static double oldestAgeSeconds(JdbcTemplate jdbc) {
        Timestamp oldest = jdbc.queryForObject("select min(occurred_at) from outbox_event where published_at is null",
                Timestamp.class);
        return oldest == null ? 0 : Duration.between(oldest.toInstant(), Instant.now()).toMillis() / 1000.0;
    }
}
