package com.reftab.scim.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

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
        first = new OutboxRelay(jdbc, 10, 10);
        second = new OutboxRelay(jdbc, 10, 10);
        jdbc.update("update relay_lease set owner = null, expires_at = ? where name = 'outbox'", Timestamp.from(Instant.EPOCH));
        jdbc.update("insert into outbox_event (tenant_id, event_id, type, subject, occurred_at, payload) values (?, ?, ?, ?, ?, ?)",
                "default", "e-1", "com.reftab.scim.user.created", "Users/1", Timestamp.from(Instant.now()), "{}");
    }

    @Test
    void whileOneInstanceHoldsTheLeaseTheOtherPublishesNothing() {
        assertThat(first.pending()).isNotEmpty();

        assertThat(second.pending()).isEmpty();
        assertThat(first.pending()).isNotEmpty();
    }

    @Test
    void aReleasedLeaseIsTakenOverAtOnce() {
        first.pending();

        first.releaseLease();

        assertThat(second.pending()).isNotEmpty();
        assertThat(first.pending()).isEmpty();
    }

    @Test
    void anExpiredLeaseIsTakenOver() {
        first = new OutboxRelay(jdbc, 10, 1);
        first.pending();

        await().pollInSameThread().atMost(Duration.ofSeconds(5)).until(() -> !second.pending().isEmpty());
        assertThat(first.pending()).isEmpty();
    }

    @Test
    void aHeldLeaseIsNotRenewedOnEveryPoll() {
        first.pending();
        Timestamp renewed = jdbc.queryForObject("select expires_at from relay_lease where name = 'outbox'", Timestamp.class);

        first.pending();

        assertThat(jdbc.queryForObject("select expires_at from relay_lease where name = 'outbox'", Timestamp.class))
                .isEqualTo(renewed);
    }
}
