package com.reftab.scim.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the outbox and the dead letters from growing for ever: published events older than their
 * retention, and dead letters and parked events older than theirs, are deleted a small batch at a
 * time, each batch its own short transaction, and at most so many batches a run. Only old rows are
 * touched, which no write, relay poll or consumer takes a lock on; an event not yet published is
 * never deleted, however old.
 */
@Component("outboxRetention")
public class OutboxRetention {

    /** Rows deleted by one run, per table. */
    public record Pruned(int publishedEvents, int deadLetters, int parkedEvents) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRetention.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration publishedEvents;
    private final Duration deadLetters;
    private final int batchSize;
    private final int maxBatches;
    private final MeterRegistry registry;

    @Autowired
    public OutboxRetention(JdbcTemplate jdbc, MeterRegistry registry, RetentionSettings settings) {
        this(jdbc, registry, Clock.systemUTC(), settings.publishedEvents(), settings.deadLetters(), settings.batchSize(),
                settings.maxBatchesPerRun());
    }

    OutboxRetention(JdbcTemplate jdbc, MeterRegistry registry, Clock clock, Duration publishedEvents, Duration deadLetters,
                    int batchSize, int maxBatches) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.clock = clock;
        this.publishedEvents = publishedEvents;
        this.deadLetters = deadLetters;
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
    }

    /** One run: at most {@code maxBatches} batches of {@code batchSize} rows for each table. */
    public Pruned prune() {
        Instant now = clock.instant();
        Pruned pruned = new Pruned(
                inBatches("outbox_event", "seq", "published_at", now.minus(publishedEvents)),
                inBatches("dead_letter_event", "id", "parked_at", now.minus(deadLetters)),
                inBatches("outbox_parked_event", "seq", "parked_at", now.minus(deadLetters)));
        count("outbox_event", pruned.publishedEvents());
        count("dead_letter_event", pruned.deadLetters());
        count("outbox_parked_event", pruned.parkedEvents());
        if (pruned.publishedEvents() + pruned.deadLetters() + pruned.parkedEvents() > 0) {
            LOG.debug("Retention deleted {}", pruned);
        }
        return pruned;
    }

    /** Table and column names are this class's constants, never input. */
    private int inBatches(String table, String key, String time, Instant before) {
        String delete = "delete from " + table + " where " + key + " in (select " + key + " from " + table
                + " where " + time + " < ? order by " + time + " limit ?)";
        int deleted = 0;
        for (int batch = 0; batch < maxBatches; batch++) {
            int rows = jdbc.update(delete, Timestamp.from(before), batchSize);
            deleted += rows;
            if (rows < batchSize) {
                break;
            }
        }
        return deleted;
    }

    private void count(String table, int rows) {
        if (rows > 0) {
            registry.counter("reftab.retention.deleted", "table", table).increment(rows);
        }
    }
}
