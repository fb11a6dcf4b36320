package com.reftab.scim.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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
 * What one relay poll takes: the oldest waiting events in commit order, as many as fit the count
 * and the byte budget (always at least one), and never the events of a held tenant.
 */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:relay-batch;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/relay-batch"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class OutboxRelayBatchTest {

    private static final int BUDGET = 1000;

    @Autowired
    JdbcTemplate jdbc;

    OutboxHolds holds;

    @BeforeEach
    void anEmptyOutbox() {
        jdbc.update("delete from outbox_hold");
        jdbc.update("delete from outbox_event");
        jdbc.update("update relay_lease set owner = null, expires_at = ? where name = 'outbox'", Timestamp.from(Instant.EPOCH));
        holds = new OutboxHolds(jdbc, new SimpleMeterRegistry());
    }

    private OutboxRelay relay(int batchSize) {
        return new OutboxRelay(jdbc, holds, batchSize, BUDGET, 10);
    }

    @Test
    void eventsFillingTheByteBudgetExactlyGoInOneBatch() {
        long first = waiting("a", 400);
        long second = waiting("b", 600);
        waiting("a", 1);

        assertThat(relay(10).nextBatch()).extracting(PendingEvent::seq).containsExactly(first, second);
    }

    @Test
    void anEventOneByteOverTheBudgetWaitsForTheNextBatch() {
        long first = waiting("a", 400);
        long second = waiting("b", 601);

        OutboxRelay relay = relay(10);
        assertThat(relay.nextBatch()).extracting(PendingEvent::seq).containsExactly(first);
        markPublished(first);
        assertThat(relay.nextBatch()).extracting(PendingEvent::seq).containsExactly(second);
    }

    @Test
    void anEventLargerThanTheWholeBudgetStillGoesAlone() {
        long large = waiting("a", BUDGET * 3);
        waiting("b", 1);

        List<PendingEvent> batch = relay(10).nextBatch();

        assertThat(batch).extracting(PendingEvent::seq).containsExactly(large);
        assertThat(batch.get(0).payload()).hasSize(BUDGET * 3);
    }

    @Test
    void aBatchHoldsAtMostTheCountOfEvents() {
        long first = waiting("a", 1);
        long second = waiting("a", 1);
        waiting("a", 1);

        assertThat(relay(2).nextBatch()).extracting(PendingEvent::seq).containsExactly(first, second);
    }

    @Test
    void aHeldTenantsNewEventsAreSetAsideAndNeverTakeAnotherTenantsPlace() {
        long refused = waiting("a", 1);
        holds.hold(new PendingEvent(refused, "a", "{}"), new IllegalStateException("refused"));
        for (int i = 0; i < 5; i++) {
            waiting("a", 1);
        }
        long other = waiting("b", 1);

        OutboxRelay relay = relay(3);
        assertThat(relay.nextBatch()).isEmpty();
        assertThat(relay.nextBatch()).extracting(PendingEvent::seq).containsExactly(other);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where tenant_id = 'a' and held_at is not null",
                Integer.class)).isEqualTo(6);
    }

    /** A waiting event whose payload is this many bytes. */
    private long waiting(String tenant, int bytes) {
        String eventId = UUID.randomUUID().toString();
        jdbc.update("insert into outbox_event (tenant_id, event_id, type, subject, occurred_at, payload, payload_bytes)"
                        + " values (?, ?, 'com.reftab.scim.user.created', 'Users/1', ?, ?, ?)",
                tenant, eventId, Timestamp.from(Instant.now()), "x".repeat(bytes), bytes);
        Long seq = jdbc.queryForObject("select seq from outbox_event where event_id = ?", Long.class, eventId);
        return seq == null ? -1 : seq;
    }

    private void markPublished(long seq) {
        jdbc.update("update outbox_event set published_at = ? where seq = ?", Timestamp.from(Instant.now()), seq);
    }
}
