package com.reftab.scim.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two relays on one database, as two instances would run them: one publishes at a time. */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:relay-lease;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/relay-lease"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class OutboxRelayLeaseTest {

    @Autowired
    JdbcTemplate jdbc;

    OutboxRelay first;
    OutboxRelay second;

    @BeforeEach
    void twoInstancesAndOneWaitingEvent() {
        first = relay(10);
        second = relay(10);
        jdbc.update("update relay_lease set owner = null, expires_at = ? where name = 'outbox'", Timestamp.from(Instant.EPOCH));
        jdbc.update("insert into outbox_event (tenant_id, event_id, type, subject, occurred_at, payload) values (?, ?, ?, ?, ?, ?)",
                "default", "e-1", "com.reftab.scim.user.created", "Users/1", Timestamp.from(Instant.now()), "{}");
    }

    private OutboxRelay relay(int leaseSeconds) {
        return new OutboxRelay(jdbc, new OutboxHolds(jdbc, new SimpleMeterRegistry()), 10, 1 << 20, leaseSeconds);
    }

    @Test
    void whileOneInstanceHoldsTheLeaseTheOtherPublishesNothing() {
        assertThat(first.nextBatch()).isNotEmpty();

        assertThat(second.nextBatch()).isEmpty();
        assertThat(first.nextBatch()).isNotEmpty();
    }

    @Test
    void aReleasedLeaseIsTakenOverAtOnce() {
        first.nextBatch();

        first.releaseLease();

        assertThat(second.nextBatch()).isNotEmpty();
        assertThat(first.nextBatch()).isEmpty();
    }

    @Test
    void anExpiredLeaseIsTakenOver() {
        first = relay(1);
        first.nextBatch();

        await().pollInSameThread().atMost(Duration.ofSeconds(5)).until(() -> !second.nextBatch().isEmpty());
        assertThat(first.nextBatch()).isEmpty();
    }

    @Test
    void aHeldLeaseIsNotRenewedOnEveryPoll() {
        first.nextBatch();
        Timestamp renewed = jdbc.queryForObject("select expires_at from relay_lease where name = 'outbox'", Timestamp.class);

        first.nextBatch();

        assertThat(jdbc.queryForObject("select expires_at from relay_lease where name = 'outbox'", Timestamp.class))
                .isEqualTo(renewed);
    }
}
