package com.reftab.scim.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.reftab.scim.protocol.ScimException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A tenant held behind a refused event, and what parking or retrying that event does to its waiting events. */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:outbox-holds;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/outbox-holds"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class OutboxHoldsTest {

    @Autowired
    JdbcTemplate jdbc;

    OutboxHolds holds;

    @BeforeEach
    void nothingHeld() {
        jdbc.update("delete from outbox_hold");
        jdbc.update("delete from outbox_event");
        jdbc.update("delete from outbox_parked_event");
        holds = new OutboxHolds(jdbc, new SimpleMeterRegistry());
    }

    @Test
    void aHoldSetsTheRefusedEventAndTheTenantsLaterOnesAsideWithTheReason() {
        long earlier = waiting("a");
        long refused = waiting("a");
        long later = waiting("a");
        long otherTenant = waiting("b");

        holds.hold(new PendingEvent(refused, "a", "{}"), new RecordTooLargeException("too large for the topic"));

        assertThat(heldSeqs()).containsExactly(refused, later);
        assertThat(holds.holdOf("a")).get().satisfies(hold -> {
            assertThat(hold.sequence()).isEqualTo(refused);
            assertThat(hold.reason()).isEqualTo("RecordTooLargeException: too large for the topic");
            assertThat(hold.waitingEvents()).isEqualTo(2);
        });
        assertThat(holds.heldTenants()).containsExactly("a");
        assertThat(holds.heldEventCount()).isEqualTo(2);
        assertThat(List.of(earlier, otherTenant)).doesNotContainAnyElementsOf(heldSeqs());
    }

    @Test
    void parkingKeepsTheEventWithItsReasonAndLetsTheLaterEventsGoOn() {
        long refused = waiting("a");
        long later = waiting("a");
        holds.hold(new PendingEvent(refused, "a", "{}"), new RecordTooLargeException("too large"));

        OutboxHolds.ParkedEvent parked = holds.park("a", refused);

        assertThat(parked.sequence()).isEqualTo(refused);
        assertThat(heldSeqs()).isEmpty();
        assertThat(jdbc.queryForList("select seq from outbox_event where published_at is null", Long.class)).containsExactly(later);
        assertThat(holds.parked("a", 10, 100)).singleElement().satisfies(event -> {
            assertThat(event.sequence()).isEqualTo(refused);
            assertThat(event.reason()).startsWith("RecordTooLargeException");
            assertThat(event.payload()).isEqualTo("{\"n\":" + refused + "}");
        });
        assertThat(holds.heldTenantCount()).isZero();
    }

    @Test
    void retryingSendsTheRefusedEventAgainInItsPlace() {
        long refused = waiting("a");
        long later = waiting("a");
        holds.hold(new PendingEvent(refused, "a", "{}"), new RecordTooLargeException("too large"));

        holds.retry("a", refused);

        assertThat(heldSeqs()).isEmpty();
        assertThat(jdbc.queryForList("select seq from outbox_event where published_at is null order by seq", Long.class))
                .containsExactly(refused, later);
        assertThat(holds.holdOf("a")).isEmpty();
    }

    @Test
    void eventsArrivingWhileHeldAreSetAsideButNotOnceTheTenantGoesOn() {
        long refused = waiting("a");
        holds.hold(new PendingEvent(refused, "a", "{}"), new RecordTooLargeException("too large"));
        long arrived = waiting("a");

        holds.keepWaiting("a");
        assertThat(heldSeqs()).containsExactly(refused, arrived);

        holds.park("a", refused);
        long afterwards = waiting("a");
        holds.keepWaiting("a");
        assertThat(heldSeqs()).isEmpty();
        assertThat(afterwards).isGreaterThan(arrived);
    }

    @Test
    void theOperatorMustNameTheHeldEvent() {
        long refused = waiting("a");
        holds.hold(new PendingEvent(refused, "a", "{}"), new RecordTooLargeException("too large"));

        assertThatThrownBy(() -> holds.park("a", refused + 1))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> holds.park("b", refused))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(heldSeqs()).containsExactly(refused);
    }

    private long waiting(String tenant) {
        String eventId = UUID.randomUUID().toString();
        jdbc.update("insert into outbox_event (tenant_id, event_id, type, subject, occurred_at, payload, payload_bytes)"
                        + " values (?, ?, 'com.reftab.scim.user.updated', 'Users/1', ?, '{}', 2)",
                tenant, eventId, Timestamp.from(Instant.now()));
        Long seq = jdbc.queryForObject("select seq from outbox_event where event_id = ?", Long.class, eventId);
        jdbc.update("update outbox_event set payload = ? where seq = ?", "{\"n\":" + seq + "}", seq);
        return seq == null ? -1 : seq;
    }

    private List<Long> heldSeqs() {
        return jdbc.queryForList("select seq from outbox_event where held_at is not null order by seq", Long.class);
    }
}
