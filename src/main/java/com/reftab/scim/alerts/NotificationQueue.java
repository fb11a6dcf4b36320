package com.reftab.scim.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a tenant's alerts into notifications, never a storm: at most
 * {@code notificationsPerMinute} notifications per tenant and channel in any minute; alerts raised
 * meanwhile wait and then go out together in one message (up to {@code maxAlertsPerNotification}).
 * A tenant that set no recipients and no webhook has its alerts marked done (the alert events were
 * published all the same; the digest lists the people once it is set).
 */
@Component("notificationQueue")
public class NotificationQueue {

    private static final Logger log = LoggerFactory.getLogger(NotificationQueue.class);
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int TENANTS_PER_RUN = 100;
    static final Duration KEPT = Duration.ofDays(30);

    public enum Kind { ALERT, DIGEST, TEST }

    public enum Channel { EMAIL, WEBHOOK }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TenantAlertSettingsStore store;
    private final ObjectMapper mapper;
    private final AlertSettings settings;
    private final Clock clock;
    private final boolean mailOn;

    public NotificationQueue(JdbcTemplate jdbc, TransactionTemplate transaction, TenantAlertSettingsStore store,
                             ObjectMapper mapper, AlertSettings settings, MailSettings mail, Clock alertClock) {
        this.mailOn = mail.enabled();
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.store = store;
        this.mapper = mapper;
        this.settings = settings;
        this.clock = alertClock;
    }

    /** Queues a message for every tenant with alerts waiting and room in its bound. @return notifications queued */
    public int queueDue() {
        Instant now = clock.instant();
        List<String> tenants = jdbc.queryForList("select distinct tenant_id from equipment_alert where queued_at is null"
                + " order by tenant_id limit ?", String.class, TENANTS_PER_RUN);
        int queued = 0;
        for (String tenantId : tenants) {
            try {
                Integer count = transaction.execute(status -> queueFor(tenantId, now));
                queued += count == null ? 0 : count;
            } catch (RuntimeException e) {
                log.warn("Queueing equipment alerts of tenant {} failed, will retry: {}", tenantId, e.toString());
            }
        }
        return queued;
    }

    /** In the caller's transaction. @return notifications queued */
    int queueFor(String tenantId, Instant now) {
        // One queueing of a tenant at a time, across instances: the same alerts never go out twice.
        jdbc.update("update tenant set name = name where id = ?", tenantId);
        TenantAlertSettings tenant = store.find(tenantId);
        if (!channels(tenant).isEmpty() && !hasRoom(tenantId, tenant, now)) {
            return 0;
        }
        List<String[]> alerts = jdbc.query("select user_id, change_key, data from equipment_alert where tenant_id = ?"
                        + " and queued_at is null order by created_at, user_id, change_key limit ?",
                (rs, row) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                tenantId, settings.maxAlertsPerNotification());
        if (alerts.isEmpty()) {
            return 0;
        }
        List<JsonNode> data = new ArrayList<>();
        for (String[] alert : alerts) {
            jdbc.update("update equipment_alert set queued_at = ? where tenant_id = ? and user_id = ? and change_key = ?",
                    Timestamp.from(now), tenantId, alert[0], alert[1]);
            data.add(read(alert[2]));
        }
        if (channels(tenant).isEmpty()) {
            return 0;
        }
        return enqueue(tenantId, Kind.ALERT, AlertMessages.alerts(data), tenant, now);
    }

    /** Whether each channel the tenant uses has had fewer than the bound's notifications in the last minute. */
    boolean hasRoom(String tenantId, TenantAlertSettings tenant, Instant now) {
        for (Channel channel : channels(tenant)) {
            Integer recent = jdbc.queryForObject("select count(*) from equipment_notification where tenant_id = ?"
                    + " and channel = ? and created_at > ?", Integer.class, tenantId, channel.name(),
                    Timestamp.from(now.minus(WINDOW)));
            if (recent != null && recent >= settings.notificationsPerMinute()) {
                return false;
            }
        }
        return true;
    }

    /** A notification per channel the tenant uses, in the caller's transaction. @return notifications queued */
    int enqueue(String tenantId, Kind kind, AlertMessages.Message message, TenantAlertSettings tenant, Instant now) {
        int queued = 0;
        for (Channel channel : channels(tenant)) {
            String body = channel == Channel.EMAIL ? message.text() : message.webhook().toString();
            jdbc.update("insert into equipment_notification (tenant_id, kind, channel, subject, body, state, attempts,"
                            + " next_attempt_at, created_at) values (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                    tenantId, kind.name(), channel.name(), truncate(message.subject(), 512), body,
                    Timestamp.from(now), Timestamp.from(now));
            queued++;
        }
        return queued;
    }

    /**
     * Deletes sent and failed notifications older than {@link #KEPT}, a batch at a time (the alerts
     * themselves are kept: they are the keys that stop a replay from alerting again). @return rows deleted
     */
    public int prune() {
        return jdbc.update("delete from equipment_notification where id in (select id from equipment_notification"
                + " where state <> 'PENDING' and created_at < ? order by id limit 500)",
                Timestamp.from(clock.instant().minus(KEPT)));
    }

    /** A test message to the tenant's channels, within the same bound. @return false when over the bound */
    public boolean queueTest(String tenantId) {
        Instant now = clock.instant();
        Boolean queued = transaction.execute(status -> {
            jdbc.update("update tenant set name = name where id = ?", tenantId);
            TenantAlertSettings tenant = store.find(tenantId);
            if (!hasRoom(tenantId, tenant, now)) {
                return false;
            }
            enqueue(tenantId, Kind.TEST, AlertMessages.test(), tenant, now);
            return true;
        });
        return Boolean.TRUE.equals(queued);
    }

    /** The channels a tenant's notifications go to: e-mail only while a mail server is set. */
    List<Channel> channels(TenantAlertSettings tenant) {
        List<Channel> channels = new ArrayList<>();
        if (mailOn && tenant.emails()) {
            channels.add(Channel.EMAIL);
        }
        if (tenant.webhook()) {
            channels.add(Channel.WEBHOOK);
        }
        return channels;
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
