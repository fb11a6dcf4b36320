package com.reftab.scim.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.reftab.scim.equipment.EquipmentHoldings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The digest run picks, at a given time, the tenants whose schedule is due, and each slot once. */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:alert-digests;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/alert-digests"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class DigestsDueTest {

    // 2026-03-03 is a Tuesday.
    private static final Instant MONDAY_NOON = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant TUESDAY_0930 = Instant.parse("2026-03-03T09:30:00Z");

    @Autowired
    JdbcTemplate jdbc;

    AlertFixtures fixtures;
    TenantAlertSettingsStore store;
    Digests digests;

    @BeforeEach
    void noTenants() {
        jdbc.update("delete from equipment_alert_settings");
        fixtures = new AlertFixtures(jdbc);
        store = new TenantAlertSettingsStore(jdbc);
        NotificationQueue queue = new NotificationQueue(jdbc, fixtures.transaction, store, AlertFixtures.JSON,
                AlertFixtures.settings(6, 3), AlertFixtures.mailOn(), fixtures.clock);
        digests = new Digests(store, new EquipmentHoldings(jdbc), queue, fixtures.transaction,
                AlertFixtures.settings(6, 3), fixtures.clock);
    }

    private String tenantWith(boolean enabled, DigestSchedule schedule, Instant savedAt) {
        String tenant = fixtures.tenant();
        store.save(tenant, new TenantAlertSettings(List.of("it@example.com"), null, true, false, enabled, schedule, null, savedAt));
        return tenant;
    }

    private List<String> due(Instant at) {
        return digests.due(at).stream().map(TenantAlertSettingsStore.Row::tenantId).toList();
    }

    @Test
    void theTenantsDueAreThoseWhoseHourHasComeOnTheirDay() {
        String dailyAt9 = tenantWith(true, new DigestSchedule(DigestSchedule.Frequency.DAILY, 9, 1), MONDAY_NOON);
        tenantWith(true, new DigestSchedule(DigestSchedule.Frequency.DAILY, 10, 1), MONDAY_NOON);
        tenantWith(true, new DigestSchedule(DigestSchedule.Frequency.WEEKLY, 9, 1), MONDAY_NOON);
        String tuesdaysAt8 = tenantWith(true, new DigestSchedule(DigestSchedule.Frequency.WEEKLY, 8, 2), MONDAY_NOON);
        tenantWith(false, new DigestSchedule(DigestSchedule.Frequency.DAILY, 9, 1), MONDAY_NOON);

        assertThat(due(TUESDAY_0930)).containsExactlyInAnyOrder(dailyAt9, tuesdaysAt8);
    }

    @Test
    void aSlotIsSentOnceEvenIfTheRunComesAgain() {
        String tenant = tenantWith(true, new DigestSchedule(DigestSchedule.Frequency.DAILY, 9, 1), MONDAY_NOON);
        String ann = fixtures.person(tenant, "ann@example.com");
        fixtures.lend(tenant, "item-1", "Laptop", "RT-1", "900", ann);
        fixtures.disable(tenant, ann);

        assertThat(digests.runDue(TUESDAY_0930)).isEqualTo(1);
        assertThat(digests.runDue(TUESDAY_0930.plusSeconds(60))).isZero();

        assertThat(due(TUESDAY_0930.plusSeconds(60))).doesNotContain(tenant);
        assertThat(jdbc.queryForList("select subject from equipment_notification where tenant_id = ? and kind = 'DIGEST'",
                String.class, tenant)).containsExactly("Digest: 1 disabled person holds equipment");
    }
}
