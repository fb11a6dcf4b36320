package com.reftab.scim.alerts;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.equipment.EquipmentHoldings;
import com.reftab.scim.events.EventSizeLimit;
import com.reftab.scim.outbox.Outbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Tenants, accounts and loans written straight into the tables, and the alert parts built on them with a clock the test moves. */
final class AlertFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    final JdbcTemplate jdbc;
    final TransactionTemplate transaction;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T10:00:00Z"));

    AlertFixtures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    static AlertSettings settings(int perMinute, int attempts) {
        return new AlertSettings(10, 254, perMinute, 50, 50, 200, attempts, Duration.ofSeconds(30),
                Duration.ofSeconds(2), 3, Duration.ofSeconds(2), true, 2, 10, 100);
    }

    static MailSettings mailOn() {
        return new MailSettings("localhost", 25, "alerts@reftab.test", "", "", MailSettings.Tls.NONE, 1000);
    }

    DisabledHolderChecks checks() {
        return new DisabledHolderChecks(jdbc, transaction, new EquipmentHoldings(jdbc),
                new Outbox(jdbc, JSON, new EventSizeLimit(1_000_000, 1_048_576)), JSON, settings(6, 3), clock, meters);
    }

    String tenant() {
        String id = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("insert into tenant (id, name, created_at) values (?, ?, ?)", id, id, Timestamp.from(clock.instant()));
        return id;
    }

    String person(String tenantId, String userName) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into account (tenant_id, user_id, user_name, email, user_name_key, email_key, display_name, status,"
                        + " version, deleted, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'active', 1, false, ?, ?)",
                tenantId, id, userName, userName, userName.toLowerCase(java.util.Locale.ROOT), userName.toLowerCase(java.util.Locale.ROOT), "Person " + userName, Timestamp.from(clock.instant()), Timestamp.from(clock.instant()));
        return id;
    }

    void disable(String tenantId, String userId) {
        jdbc.update("update account set status = 'disabled', version = version + 1, disabled_at = ? where tenant_id = ? and user_id = ?",
                Timestamp.from(clock.instant()), tenantId, userId);
    }

    void reactivate(String tenantId, String userId) {
        jdbc.update("update account set status = 'active', version = version + 1, disabled_at = null where tenant_id = ? and user_id = ?",
                tenantId, userId);
    }

    void lend(String tenantId, String itemId, String name, String tag, String value, String userId) {
        jdbc.update("insert into equipment_loan (tenant_id, item_id, status, version, holder_user_id, name, asset_tag, item_value,"
                        + " since, updated_at) values (?, ?, 'held', 1, ?, ?, ?, ?, ?, ?)",
                tenantId, itemId, userId, name, tag, value == null ? null : new BigDecimal(value),
                Timestamp.from(clock.instant()), Timestamp.from(clock.instant()));
    }

    void due(String tenantId, String userId) {
        jdbc.update("insert into equipment_alert_check (tenant_id, user_id, due_at) values (?, ?, ?)",
                tenantId, userId, Timestamp.from(clock.instant()));
    }

    /** A check of a user event of this version (the account must reflect it before the check may decide). */
    void dueAfterUserEvent(String tenantId, String userId, long userVersion) {
        jdbc.update("insert into equipment_alert_check (tenant_id, user_id, due_at, user_version) values (?, ?, ?, ?)",
                tenantId, userId, Timestamp.from(clock.instant()), userVersion);
    }

    /** A check of a checkout of this version (the item's holding must reflect it before the check may decide). */
    void dueAfterCheckout(String tenantId, String userId, String itemId, long loanVersion) {
        jdbc.update("insert into equipment_alert_check (tenant_id, user_id, due_at, item_id, loan_version) values (?, ?, ?, ?, ?)",
                tenantId, userId, Timestamp.from(clock.instant()), itemId, loanVersion);
    }

    long accountVersion(String tenantId, String userId) {
        return jdbc.queryForObject("select version from account where tenant_id = ? and user_id = ?", Long.class, tenantId, userId);
    }

    List<String> alertKeys(String tenantId) {
        return jdbc.queryForList("select change_key from equipment_alert where tenant_id = ? order by created_at, change_key",
                String.class, tenantId);
    }

    List<String> alertEvents(String tenantId) {
        return jdbc.queryForList("select payload from outbox_event where tenant_id = ? and type = ? order by seq",
                String.class, tenantId, "com.reftab.equipment.disabled-holder.alerted");
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
