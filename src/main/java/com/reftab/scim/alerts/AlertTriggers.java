package com.reftab.scim.alerts;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final int MAX_ITEM_ID = 128;

    private final ObjectMapper mapper;
    private final JdbcTemplate jdbc;
    private final AlertSettings settings;
    private final Clock clock;

    public AlertTriggers(ObjectMapper mapper, JdbcTemplate jdbc, AlertSettings settings, Clock alertClock) {
        this.mapper = mapper;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = alertClock;
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

    /** A poll's loan events (a list) or one of them: a checkout may hand an item to a disabled person. */
    public void loans(Object events) throws IOException {
        for (String event : list(events)) {
            JsonNode node = mapper.readTree(event);
            if (LoanType.of(node.path("type").asText()) == LoanType.CHECKED_OUT) {
                JsonNode data = node.path("data");
                String tenantId = data.path("tenantId").asText(node.path("tenantid").asText());
                String userId = personOf(tenantId, data.path("person"));
                String itemId = data.path("itemId").isTextual() ? data.path("itemId").asText() : null;
                // The holdings' version of the loan (LoanEvent): the item's own version, else the time in ms.
                Long loanVersion = data.path("version").canConvertToLong() ? Long.valueOf(data.path("version").asLong())
                        : timeMillis(data.path("time").asText(node.path("time").asText()));
                if (userId != null) {
                    check(tenantId, userId, null, itemId, loanVersion);
                }
            }
        }
    }

    /** The person a loan names: by SCIM id, else the account of that userName or e-mail (as the holdings match it). */
    private String personOf(String tenantId, JsonNode person) {
        if (person.hasNonNull("userId")) {
            return person.path("userId").asText();
        }
        String userName = person.hasNonNull("userName") ? person.path("userName").asText().toLowerCase(java.util.Locale.ROOT) : null;
        String email = person.hasNonNull("email") ? person.path("email").asText().toLowerCase(java.util.Locale.ROOT) : null;
        if (userName == null && email == null) {
            return null;
        }
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
        if (itemId != null && itemId.length() > MAX_ITEM_ID) {
            itemId = null;
            loanVersion = null;
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

    private static Long timeMillis(String time) {
        try {
            return java.time.Instant.parse(time).toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object events) {
        if (events instanceof List<?> list) {
            return (List<String>) list;
        }
        return List.of(String.valueOf(events));
    }
}
