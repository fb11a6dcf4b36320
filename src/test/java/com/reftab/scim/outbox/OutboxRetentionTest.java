package com.reftab.scim.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a retention run deletes, on a fixed clock: published events past their retention, dead
 * letters and parked events past theirs, a bounded number of small batches per run; never an
 * event still waiting for Kafka, however old.
 */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:outbox-retention;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/outbox-retention"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class OutboxRetentionTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration EVENTS = Duration.ofDays(7);
    private static final Duration DEAD_LETTERS = Duration.ofDays(30);

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyTables() {
        jdbc.update("delete from outbox_event");
        jdbc.update("delete from dead_letter_event");
        jdbc.update("delete from outbox_parked_event");
    }

    private OutboxRetention retention(int batchSize, int maxBatches) {
        return new OutboxRetention(jdbc, new SimpleMeterRegistry(), Clock.fixed(NOW, ZoneOffset.UTC), EVENTS, DEAD_LETTERS,
                batchSize, maxBatches);
    }

    @Test
    void publishedEventsPastTheirRetentionGoAndYoungerOnesStay() {
        event(NOW.minus(EVENTS).minusSeconds(1), true);
        event(NOW.minus(EVENTS).plusSeconds(1), true);

        assertThat(retention(10, 10).prune().publishedEvents()).isEqualTo(1);
        assertThat(count("outbox_event")).isEqualTo(1);
    }

    @Test
    void anEventNotYetPublishedIsKeptHoweverOld() {
        event(NOW.minus(Duration.ofDays(365)), false);

        assertThat(retention(10, 10).prune().publishedEvents()).isZero();
        assertThat(count("outbox_event")).isEqualTo(1);
    }

    @Test
    void aRunDeletesAtMostItsBatchesAndTheNextRunGoesOn() {
        for (int i = 0; i < 25; i++) {
            event(NOW.minus(Duration.ofDays(10)), true);
        }

        assertThat(retention(4, 3).prune().publishedEvents()).isEqualTo(12);
        assertThat(count("outbox_event")).isEqualTo(13);
        assertThat(retention(4, 3).prune().publishedEvents()).isEqualTo(12);
        assertThat(retention(4, 3).prune().publishedEvents()).isEqualTo(1);
        assertThat(count("outbox_event")).isZero();
    }

    @Test
    void deadLettersAndParkedEventsPastTheirRetentionGo() {
        deadLetter(NOW.minus(DEAD_LETTERS).minusSeconds(1));
        deadLetter(NOW.minus(DEAD_LETTERS).plusSeconds(1));
        parked(1, NOW.minus(DEAD_LETTERS).minusSeconds(1));
        parked(2, NOW.minus(DEAD_LETTERS).plusSeconds(1));
        event(NOW.minus(EVENTS).plusSeconds(1), true);

        OutboxRetention.Pruned pruned = retention(10, 10).prune();

        assertThat(pruned).isEqualTo(new OutboxRetention.Pruned(0, 1, 1));
        assertThat(count("dead_letter_event")).isEqualTo(1);
        assertThat(count("outbox_parked_event")).isEqualTo(1);
    }

    private void event(Instant time, boolean published) {
        jdbc.update("insert into outbox_event (tenant_id, event_id, type, subject, occurred_at, payload, payload_bytes,"
                        + " published_at) values ('t', ?, 'com.reftab.scim.user.created', 'Users/1', ?, '{}', 2, ?)",
                UUID.randomUUID().toString(), Timestamp.from(time), published ? Timestamp.from(time) : null);
    }

    private void deadLetter(Instant parkedAt) {
        jdbc.update("insert into dead_letter_event (tenant_id, consumer, topic, partition_no, record_offset, reason, payload,"
                        + " parked_at) values ('t', 'account-projection', 'reftab.scim.events', 0, ?, 'bad', '{}', ?)",
                parkedAt.toEpochMilli(), Timestamp.from(parkedAt));
    }

    private void parked(long seq, Instant parkedAt) {
        jdbc.update("insert into outbox_parked_event (seq, tenant_id, event_id, type, subject, occurred_at, payload,"
                        + " payload_bytes, reason, held_since, parked_at) values (?, 't', ?, 'com.reftab.scim.user.updated',"
                        + " 'Users/1', ?, '{}', 2, 'RecordTooLargeException', ?, ?)",
                seq, UUID.randomUUID().toString(), Timestamp.from(parkedAt), Timestamp.from(parkedAt), Timestamp.from(parkedAt));
    }

    private int count(String table) {
        Integer count = jdbc.queryForObject("select count(*) from " + table, Integer.class);
        return count == null ? -1 : count;
    }
}
