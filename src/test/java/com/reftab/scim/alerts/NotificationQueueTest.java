package com.reftab.scim.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Never a storm: a tenant's alerts become at most N notifications a minute per channel, those waiting go out together. */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:alert-queue;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/alert-queue"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class NotificationQueueTest {

    private static final int PER_MINUTE = 2;

    @Autowired
    JdbcTemplate jdbc;

    AlertFixtures fixtures;
    TenantAlertSettingsStore store;
    NotificationQueue queue;
    String tenant;

    @BeforeEach
    void aTenantWithAWebhook() {
        jdbc.update("delete from equipment_alert");
        fixtures = new AlertFixtures(jdbc);
        store = new TenantAlertSettingsStore(jdbc);
        queue = new NotificationQueue(jdbc, fixtures.transaction, store, AlertFixtures.JSON,
                AlertFixtures.settings(PER_MINUTE, 3), AlertFixtures.mailOn(), fixtures.clock);
        tenant = fixtures.tenant();
        store.save(tenant, new TenantAlertSettings(List.of("it@example.com"), "https://hooks.example.com/x", true, true,
                false, DigestSchedule.DEFAULT, null, fixtures.clock.instant()));
    }

    private void alert(String person) {
        jdbc.update("insert into equipment_alert (tenant_id, user_id, change_key, reason, data, created_at) values (?, ?, ?, ?, ?, ?)",
                tenant, person, "disabled@1", "disabled",
                "{\"reason\":\"disabled\",\"person\":{\"userName\":\"" + person + "\",\"displayName\":\"" + person + "\"},"
                        + "\"itemCount\":1,\"items\":[{\"name\":\"Laptop\",\"assetTag\":\"RT-1\"}]}",
                Timestamp.from(fixtures.clock.instant()));
    }

    private List<String> notifications(String channel) {
        return jdbc.queryForList("select body from equipment_notification where tenant_id = ? and channel = ? order by id",
                String.class, tenant, channel);
    }

    @Test
    void alertsWaitingTogetherGoOutAsOneMessagePerChannel() {
        alert("ann");
        alert("bob");
        alert("cy");

        assertThat(queue.queueDue()).isEqualTo(2);

        assertThat(notifications("EMAIL")).singleElement().asString().contains("ann", "bob", "cy", "RT-1");
        assertThat(notifications("WEBHOOK")).singleElement().asString().startsWith("{\"text\":").contains("blocks");
    }

    @Test
    void pastTheBoundAlertsWaitAndThenGoOutTogether() {
        for (int i = 0; i < PER_MINUTE; i++) {
            alert("early-" + i);
            queue.queueDue();
            fixtures.clock.advance(Duration.ofSeconds(1));
        }
        alert("late-1");
        alert("late-2");

        assertThat(queue.queueDue()).as("the bound is reached: nothing more this minute").isZero();
        assertThat(notifications("EMAIL")).hasSize(PER_MINUTE);

        fixtures.clock.advance(Duration.ofMinutes(1));
        assertThat(queue.queueDue()).isEqualTo(2);
        assertThat(notifications("EMAIL")).hasSize(PER_MINUTE + 1).last().asString().contains("late-1", "late-2");
    }

    @Test
    void anotherTenantIsNotHeldByOnesBound() {
        for (int i = 0; i < PER_MINUTE + 1; i++) {
            alert("busy-" + i);
            queue.queueDue();
        }
        String quiet = fixtures.tenant();
        store.save(quiet, new TenantAlertSettings(List.of(), "https://hooks.example.com/q", false, true, false,
                DigestSchedule.DEFAULT, null, Instant.now()));
        jdbc.update("insert into equipment_alert (tenant_id, user_id, change_key, reason, data, created_at) values (?, 'p', 'k', 'disabled', '{}', ?)",
                quiet, Timestamp.from(fixtures.clock.instant()));

        assertThat(queue.queueDue()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from equipment_notification where tenant_id = ?", Integer.class, quiet))
                .isEqualTo(1);
    }

    @Test
    void aTestMessageIsRefusedPastTheBound() {
        for (int i = 0; i < PER_MINUTE; i++) {
            assertThat(queue.queueTest(tenant)).isTrue();
        }

        assertThat(queue.queueTest(tenant)).isFalse();
    }

    @Test
    void sentNotificationsAreDeletedAfterThirtyDaysAndPendingOnesNever() {
        Timestamp old = Timestamp.from(fixtures.clock.instant().minus(Duration.ofDays(31)));
        for (String state : List.of("SENT", "FAILED", "PENDING")) {
            jdbc.update("insert into equipment_notification (tenant_id, kind, channel, subject, body, state, attempts,"
                    + " next_attempt_at, created_at) values (?, 'ALERT', 'EMAIL', 's', 'b', ?, 1, ?, ?)", tenant, state, old, old);
        }

        queue.prune();

        assertThat(jdbc.queryForList("select state from equipment_notification where tenant_id = ?", String.class, tenant))
                .containsExactly("PENDING");
    }
}
