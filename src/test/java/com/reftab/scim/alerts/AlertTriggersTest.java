package com.reftab.scim.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;

import com.reftab.scim.equipment.InvalidLoan;
import com.reftab.scim.equipment.LoanBounds;
import com.reftab.scim.equipment.LoanEvent;
import com.reftab.scim.equipment.LoanType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The loans alert consumer reads a loan within the loans' bounds; one past them fails, to be parked, and notes nothing. */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:alert-triggers;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/alert-triggers"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class AlertTriggersTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCheckoutWhoseTenantIdIsPastItsBoundFailsAndNotesNoCheck() {
        AlertFixtures fixtures = new AlertFixtures(jdbc);
        AlertTriggers triggers = new AlertTriggers(AlertFixtures.JSON, jdbc, AlertFixtures.settings(6, 3), fixtures.clock,
                new LoanBounds(new BigDecimal("10000000")));
        String tenant = "t".repeat(65);
        String checkout = new LoanEvent(null, tenant, LoanType.CHECKED_OUT, "item-1", 1, "Laptop", null, null, null, null,
                "3f1c2a9e-0000-4000-8000-000000000001", null, null, Instant.parse("2026-03-02T10:00:00Z")).toCloudEvent().toString();

        assertThatThrownBy(() -> triggers.loans(checkout)).isInstanceOf(InvalidLoan.class).hasMessageContaining("tenantId");
        assertThat(jdbc.queryForObject("select count(*) from equipment_alert_check where tenant_id = ?", Integer.class, tenant))
                .isZero();
    }

    @Test
    void aCheckoutWithinItsBoundsNotesItsPersonToCheckWithTheLoanVersion() throws Exception {
        AlertFixtures fixtures = new AlertFixtures(jdbc);
        AlertTriggers triggers = new AlertTriggers(AlertFixtures.JSON, jdbc, AlertFixtures.settings(6, 3), fixtures.clock,
                new LoanBounds(new BigDecimal("10000000")));
        String tenant = fixtures.tenant();
        String ann = fixtures.person(tenant, "Ann@Example.com");

        triggers.loans(new LoanEvent(null, tenant, LoanType.CHECKED_OUT, "item-2", 42, "Laptop", null, null, null, null,
                null, "ANN@example.COM", null, Instant.parse("2026-03-02T10:00:00Z")).toCloudEvent().toString());

        assertThat(jdbc.queryForMap("select user_id, item_id, loan_version from equipment_alert_check where tenant_id = ?", tenant))
                .containsEntry("user_id", ann).containsEntry("item_id", "item-2").containsEntry("loan_version", 42L);
    }
}
