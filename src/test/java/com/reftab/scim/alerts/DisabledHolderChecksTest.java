package com.reftab.scim.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Once per person and change: the alert key recorded with the alert event, and a check seen again raises nothing. */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:alert-checks;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/alert-checks"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class DisabledHolderChecksTest {

    @Autowired
    JdbcTemplate jdbc;

    AlertFixtures fixtures;
    DisabledHolderChecks checks;
    String tenant;

    @BeforeEach
    void aTenant() {
        jdbc.update("delete from equipment_alert_check");
        fixtures = new AlertFixtures(jdbc);
        checks = fixtures.checks();
        tenant = fixtures.tenant();
    }

    @Test
    void aPersonDisabledWithEquipmentRaisesOneAlertAndItsEventListingTheItems() throws Exception {
        String ann = fixtures.person(tenant, "ann@example.com");
        fixtures.lend(tenant, "item-1", "MacBook Pro 14", "RT-0042", "2499.00", ann);
        fixtures.lend(tenant, "item-2", "Badge", "RT-0043", null, ann);
        fixtures.disable(tenant, ann);
        fixtures.due(tenant, ann);

        assertThat(checks.runDue()).isEqualTo(1);

        assertThat(fixtures.alertKeys(tenant)).singleElement().asString().startsWith("disabled@");
        JsonNode event = AlertFixtures.JSON.readTree(fixtures.alertEvents(tenant).get(0));
        assertThat(event.path("subject").asText()).isEqualTo("Users/" + ann);
        JsonNode data = event.path("data");
        assertThat(data.path("reason").asText()).isEqualTo("disabled");
        assertThat(data.path("person").path("userName").asText()).isEqualTo("ann@example.com");
        assertThat(data.path("person").path("displayName").asText()).isEqualTo("Person ann@example.com");
        assertThat(data.path("items").findValuesAsText("assetTag")).containsExactly("RT-0042", "RT-0043");
        assertThat(data.path("items").get(0).path("value").decimalValue()).isEqualByComparingTo("2499.00");
        assertThat(data.has("itemKeys")).isFalse();
    }

    @Test
    void theSameChangeSeenAgainRaisesNothingMore() {
        String bob = fixtures.person(tenant, "bob@example.com");
        fixtures.lend(tenant, "item-3", "Monitor", "RT-0100", "300", bob);
        fixtures.disable(tenant, bob);
        fixtures.due(tenant, bob);
        checks.runDue();

        // A replayed deactivation, then the deletion of the person already disabled.
        fixtures.due(tenant, bob);
        int raised = checks.runDue();

        assertThat(raised).isZero();
        assertThat(fixtures.alertKeys(tenant)).hasSize(1);
        assertThat(fixtures.alertEvents(tenant)).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from equipment_alert_check where tenant_id = ?", Integer.class, tenant))
                .as("the check is done, not left to fail again").isZero();
    }

    @Test
    void anItemCheckedOutToAPersonAlreadyDisabledRaisesAnAlertForThatItemAlone() throws Exception {
        String cy = fixtures.person(tenant, "cy@example.com");
        fixtures.lend(tenant, "item-4", "Laptop", "RT-0200", "1000", cy);
        fixtures.disable(tenant, cy);
        fixtures.due(tenant, cy);
        checks.runDue();
        fixtures.clock.advance(Duration.ofHours(1));

        fixtures.lend(tenant, "item-5", "Phone", "RT-0201", "800", cy);
        fixtures.due(tenant, cy);

        assertThat(checks.runDue()).isEqualTo(1);
        JsonNode data = AlertFixtures.JSON.readTree(fixtures.alertEvents(tenant).get(1)).path("data");
        assertThat(data.path("reason").asText()).isEqualTo("checkout-to-disabled");
        assertThat(data.path("items").findValuesAsText("assetTag")).containsExactly("RT-0201");
    }

    @Test
    void aPersonDisabledAgainAfterAReactivationIsANewChange() {
        String dee = fixtures.person(tenant, "dee@example.com");
        fixtures.lend(tenant, "item-6", "Tablet", "RT-0300", "500", dee);
        fixtures.disable(tenant, dee);
        fixtures.due(tenant, dee);
        checks.runDue();
        fixtures.reactivate(tenant, dee);
        fixtures.clock.advance(Duration.ofDays(1));

        fixtures.disable(tenant, dee);
        fixtures.due(tenant, dee);

        assertThat(checks.runDue()).isEqualTo(1);
        assertThat(fixtures.alertKeys(tenant)).hasSize(2);
    }

    @Test
    void anActivePersonOrADisabledOneWithoutEquipmentRaisesNothing() {
        String active = fixtures.person(tenant, "eve@example.com");
        fixtures.lend(tenant, "item-7", "Laptop", "RT-0400", "900", active);
        String emptyHanded = fixtures.person(tenant, "fay@example.com");
        fixtures.disable(tenant, emptyHanded);
        fixtures.due(tenant, active);
        fixtures.due(tenant, emptyHanded);

        assertThat(checks.runDue()).isZero();
        assertThat(fixtures.alertKeys(tenant)).isEmpty();
    }

    @Test
    void aCheckNotYetDueWaits() {
        String gus = fixtures.person(tenant, "gus@example.com");
        fixtures.lend(tenant, "item-8", "Laptop", "RT-0500", "900", gus);
        fixtures.disable(tenant, gus);
        jdbc.update("insert into equipment_alert_check (tenant_id, user_id, due_at) values (?, ?, ?)", tenant, gus,
                java.sql.Timestamp.from(fixtures.clock.instant().plusSeconds(5)));

        assertThat(checks.runDue()).isZero();
        fixtures.clock.advance(Duration.ofSeconds(5));
        assertThat(checks.runDue()).isEqualTo(1);
    }

    @Test
    void aDeactivationTheAccountsHaveNotAppliedYetIsCheckedAgainOnceTheyHave() {
        String hal = fixtures.person(tenant, "hal@example.com");
        fixtures.lend(tenant, "item-9", "Laptop", "RT-0600", "900", hal);
        // The deactivation (the account's next version) is seen before the accounts consumer applied it.
        fixtures.dueAfterUserEvent(tenant, hal, fixtures.accountVersion(tenant, hal) + 1);
        assertThat(checks.runDue()).isZero();

        fixtures.disable(tenant, hal);
        fixtures.clock.advance(Duration.ofSeconds(2));

        assertThat(checks.runDue()).as("alert raised once the account is disabled").isEqualTo(1);
    }

    @Test
    void aCheckoutTheHoldingsHaveNotAppliedYetIsCheckedAgainOnceTheyHave() {
        String ivy = fixtures.person(tenant, "ivy@example.com");
        fixtures.disable(tenant, ivy);
        fixtures.dueAfterCheckout(tenant, ivy, "item-10", 1);
        assertThat(checks.runDue()).isZero();

        fixtures.lend(tenant, "item-10", "Laptop", "RT-0700", "900", ivy);
        fixtures.clock.advance(Duration.ofSeconds(2));

        assertThat(checks.runDue()).as("alert raised once the item is held").isEqualTo(1);
    }

    @Test
    void aCheckWhoseChangeNeverArrivesIsDroppedAfterItsWaitsAndCounted() {
        String jo = fixtures.person(tenant, "jo@example.com");
        fixtures.dueAfterUserEvent(tenant, jo, fixtures.accountVersion(tenant, jo) + 1);

        for (int run = 0; run < 10; run++) {
            checks.runDue();
            fixtures.clock.advance(Duration.ofHours(1));
        }

        assertThat(jdbc.queryForObject("select count(*) from equipment_alert_check where tenant_id = ?", Integer.class, tenant))
                .isZero();
        assertThat(fixtures.meters.counter("reftab.equipment.alert.checks.dropped").count()).isEqualTo(1.0);
    }

    @Test
    void aCheckWaitingForItsChangeBacksOffDoubling() {
        String kim = fixtures.person(tenant, "kim@example.com");
        fixtures.dueAfterUserEvent(tenant, kim, fixtures.accountVersion(tenant, kim) + 1);
        checks.runDue();
        java.time.Instant first = dueAt(kim);
        fixtures.clock.advance(Duration.ofSeconds(2));
        checks.runDue();

        assertThat(first).isEqualTo(java.time.Instant.parse("2026-03-02T10:00:02Z"));
        assertThat(dueAt(kim)).isEqualTo(java.time.Instant.parse("2026-03-02T10:00:06Z"));
    }

    private java.time.Instant dueAt(String userId) {
        return jdbc.queryForObject("select due_at from equipment_alert_check where tenant_id = ? and user_id = ?",
                java.sql.Timestamp.class, tenant, userId).toInstant();
    }
}
