package com.reftab.scim.alerts;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.equipment.LoanBounds;
import com.reftab.scim.equipment.LoanEvent;
import com.reftab.scim.equipment.LoanType;
import com.reftab.scim.events.EventType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the equipment alert consumers take from the events: a person to look at once the accounts and
 * holdings have had time to follow (a deactivation or deletion on the provisioning topic, a checkout on
 * the loans topic). Only a row is written, in the consumer's transaction; whether anyone is told is
 * decided later from the state ({@link DisabledHolderChecks}), so a trigger seen twice or out of order
 * is harmless.
 */
@Component("alertTriggers")
public class AlertTriggers {

    private static final int MAX_USER_ID = 36;

    private final ObjectMapper mapper;
    private final JdbcTemplate jdbc;
    private final AlertSettings settings;
    private final Clock clock;
    private final LoanBounds bounds;

    public AlertTriggers(ObjectMapper mapper, JdbcTemplate jdbc, AlertSettings settings, Clock alertClock, LoanBounds bounds) {
        this.mapper = mapper;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = alertClock;
        this.bounds = bounds;
    }

    /** A poll's provisioning events (a list) or one of them. */
    public void provisioning(Object events) throws IOException {
        for (String event : list(events)) {
            JsonNode node = mapper.readTree(event);
            EventType type = EventType.of(node.path("type").asText());
            if (type == EventType.USER_DEACTIVATED || type == EventType.USER_DELETED) {
                JsonNode data = node.path("data");
                check(data.path("tenantId").asText(), data.path("id").asText(),
                        data.path("version").canConvertToLong() ? data.path("version").asLong() : null, null, null);
            }
        }
    }

    /**
     * A poll's loan events (a list) or one of them: a checkout may hand an item to a disabled person.
     * Each is read and checked as the holdings read it; one they cannot apply fails the batch, and is
     * then parked alone by the consumer.
     */
    public void loans(Object events) throws IOException {
        for (String event : list(events)) {
            LoanEvent loan = bounds.check(LoanEvent.fromCloudEvent(mapper.readTree(event)));
            if (loan.type() == LoanType.CHECKED_OUT) {
                String userId = loan.userId() != null ? loan.userId() : personOf(loan.tenantId(), loan.userName(), loan.email());
                if (userId != null) {
                    check(loan.tenantId(), userId, null, loan.itemId(), loan.version());
                }
            }
        }
    }

    /** The account of the userName or e-mail a loan names (as the holdings match it), or null. */
    private String personOf(String tenantId, String userName, String email) {
        if (userName == null && email == null) {
            return null;
        }
        userName = userName == null ? null : userName.toLowerCase(java.util.Locale.ROOT);
        email = email == null ? null : email.toLowerCase(java.util.Locale.ROOT);
        // Two index lookups (account_user_name_key, account_email_key), the lower user id of the two.
        return jdbc.queryForObject("select least(coalesce(n.id, e.id), coalesce(e.id, n.id)) from"
                        + " (select min(user_id) as id from account where tenant_id = ? and user_name_key = ?) n,"
                        + " (select min(user_id) as id from account where tenant_id = ? and email_key = ?) e",
                String.class, tenantId, userName, tenantId, email);
    }

    /**
     * Notes the person, with the change the check must see applied first: the user event's version,
     * or the checked-out item and its loan version. A row already there keeps the newest of each.
     */
    private void check(String tenantId, String userId, Long userVersion, String itemId, Long loanVersion) {
        if (tenantId.isEmpty() || userId.isEmpty() || userId.length() > MAX_USER_ID) {
            return;
        }
        Timestamp due = Timestamp.from(clock.instant().plus(settings.settleDelay()));
        jdbc.update("merge into equipment_alert_check c"
                + " using (select cast(? as varchar(64)) as tenant_id, cast(? as varchar(36)) as user_id,"
                + " cast(? as bigint) as user_version, cast(? as varchar(128)) as item_id, cast(? as bigint) as loan_version) s"
                + " on c.tenant_id = s.tenant_id and c.user_id = s.user_id"
                + " when matched then update set due_at = ?, waits = 0,"
                + " user_version = case when c.user_version is null or s.user_version > c.user_version"
                + " then coalesce(s.user_version, c.user_version) else c.user_version end,"
                + " loan_version = case when s.item_id is null then c.loan_version else s.loan_version end,"
                + " item_id = coalesce(s.item_id, c.item_id)"
                + " when not matched then insert (tenant_id, user_id, due_at, user_version, item_id, loan_version, waits)"
                + " values (s.tenant_id, s.user_id, ?, s.user_version, s.item_id, s.loan_version, 0)",
                tenantId, userId, userVersion, itemId, loanVersion, due, due);
    }



    @SuppressWarnings("unchecked")
    private static List<String> list(Object events) {
        if (events instanceof List<?> list) {
            return (List<String>) list;
        }
        return List.of(String.valueOf(events));
    }
}
