package com.reftab.scim.events;

import java.sql.Timestamp;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Parks an event that a consumer could not apply, so that the consumer can move on: the record
 * is kept with its reason, counted, and listed to the tenant's admins. Parking the same record
 * twice (a redelivery after a crash) keeps one entry.
 */
@Component("deadLetters")
public class DeadLetters {

    static final int MAX_REASON = 2000;
    static final int MAX_PAYLOAD = 65536;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcTemplate jdbc;
    private final MeterRegistry registry;

    public DeadLetters(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    /** @return the reason recorded, to travel with the record to the dead-letter topic */
    public String park(String consumer, String tenantId, String topic, Integer partition, Long offset,
                       String payload, Throwable failure) {
        String reason = reasonFor(failure);
        try {
            jdbc.update("insert into dead_letter_event (tenant_id, consumer, topic, partition_no, record_offset, reason,"
                            + " payload, parked_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    tenantId, consumer, topic, partition, offset, reason, truncate(payload, MAX_PAYLOAD),
                    Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException alreadyParked) {
            LOG.debug("Event {}-{}@{} was already parked by {}", topic, partition, offset, consumer);
        }
        Counter.builder("reftab.events.dead.lettered")
                .description("Events a consumer could not apply and parked on the dead-letter topic")
                .tag("consumer", consumer)
                .register(registry)
                .increment();
        LOG.error("Parked event {}-{}@{} of tenant {} from {}: {}", topic, partition, offset, tenantId, consumer, reason);
        return reason;
    }

    public static String reasonFor(Throwable failure) {
        if (failure == null) {
            return "unknown";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root == failure
                ? describe(failure)
                : describe(failure) + " (caused by " + describe(root) + ")";
        return truncate(reason, MAX_REASON);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
