package com.reftab.scim.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Each tenant's equipment alert settings (table equipment_alert_settings). */
@Repository
public class TenantAlertSettingsStore {

    private static final String COLUMNS = "tenant_id, recipients, webhook_url, email_enabled, webhook_enabled,"
            + " digest_enabled, digest_frequency, digest_hour, digest_weekday, last_digest_at, updated_at";

    /** A tenant's settings with its id, for the digest run. */
    public record Row(String tenantId, TenantAlertSettings settings) {
    }

    private final JdbcTemplate jdbc;

    public TenantAlertSettingsStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public TenantAlertSettings find(String tenantId) {
        return jdbc.query("select " + COLUMNS + " from equipment_alert_settings where tenant_id = ?",
                (rs, row) -> settings(rs), tenantId).stream().findFirst().orElse(TenantAlertSettings.none());
    }

    /** Saves what the admin set; the time the digest was last sent is kept. */
    public void save(String tenantId, TenantAlertSettings settings) {
        jdbc.update("merge into equipment_alert_settings t"
                        + " using (select cast(? as varchar(64)) as tenant_id) s on t.tenant_id = s.tenant_id"
                        + " when matched then update set recipients = ?, webhook_url = ?, email_enabled = ?, webhook_enabled = ?,"
                        + " digest_enabled = ?, digest_frequency = ?, digest_hour = ?, digest_weekday = ?, updated_at = ?"
                        + " when not matched then insert (" + COLUMNS + ")"
                        + " values (s.tenant_id, ?, ?, ?, ?, ?, ?, ?, ?, null, ?)",
                tenantId,
                String.join("\n", settings.recipients()), settings.webhookUrl(), settings.emailEnabled(),
                settings.webhookEnabled(), settings.digestEnabled(), settings.digest().frequency().name(),
                settings.digest().hourUtc(), settings.digest().weekday(), Timestamp.from(settings.updatedAt()),
                String.join("\n", settings.recipients()), settings.webhookUrl(), settings.emailEnabled(),
                settings.webhookEnabled(), settings.digestEnabled(), settings.digest().frequency().name(),
                settings.digest().hourUtc(), settings.digest().weekday(), Timestamp.from(settings.updatedAt()));
    }

    /** The tenants whose digest is on, in a stable order, a page at a time. */
    public List<Row> withDigest(String afterTenantId, int limit) {
        return jdbc.query("select " + COLUMNS + " from equipment_alert_settings where digest_enabled = true and tenant_id > ?"
                + " order by tenant_id limit ?", (rs, row) -> new Row(rs.getString("tenant_id"), settings(rs)), afterTenantId, limit);
    }

    /** Records that a digest went out for the slot; false if another instance recorded it first. */
    public boolean digestSent(String tenantId, Instant previous, Instant at) {
        if (previous == null) {
            return jdbc.update("update equipment_alert_settings set last_digest_at = ? where tenant_id = ? and last_digest_at is null",
                    Timestamp.from(at), tenantId) == 1;
        }
        return jdbc.update("update equipment_alert_settings set last_digest_at = ? where tenant_id = ? and last_digest_at = ?",
                Timestamp.from(at), tenantId, Timestamp.from(previous)) == 1;
    }

    private static TenantAlertSettings settings(ResultSet rs) throws SQLException {
        String recipients = rs.getString("recipients");
        Timestamp last = rs.getTimestamp("last_digest_at");
        return new TenantAlertSettings(
                recipients.isEmpty() ? List.of() : Arrays.asList(recipients.split("\n")),
                rs.getString("webhook_url"), rs.getBoolean("email_enabled"), rs.getBoolean("webhook_enabled"),
                rs.getBoolean("digest_enabled"),
                new DigestSchedule(DigestSchedule.Frequency.valueOf(rs.getString("digest_frequency")),
                        rs.getInt("digest_hour"), rs.getInt("digest_weekday")),
                last == null ? null : last.toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
