package com.reftab.scim.accounts;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.events.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies user events to the Reftab user store. An event older than or equal to the version the
 * account already reflects changes nothing, so redelivered and replayed events are harmless.
 * A deleted user keeps a disabled account: Reftab keeps their equipment history.
 */
@Component("accountProjection")
public class AccountProjection {

    private static final Logger LOG = LoggerFactory.getLogger(AccountProjection.class);
    private static final Set<EventType> USER_EVENTS = EnumSet.of(EventType.USER_CREATED, EventType.USER_UPDATED,
            EventType.USER_DEACTIVATED, EventType.USER_REACTIVATED, EventType.USER_DELETED);

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final ProjectionDelay delay;

    AccountProjection(JdbcTemplate jdbc, ObjectMapper mapper, ProjectionDelay delay) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.delay = delay;
    }

    /**
     * Applies a poll's events in one transaction and in their order, so that one commit serves
     * them all.
     *
     * @return how many of them changed the store
     */
    @Transactional
    public int applyAll(List<String> cloudEvents) throws IOException {
        int changed = 0;
        for (String cloudEvent : cloudEvents) {
            if (applyOne(cloudEvent)) {
                changed++;
            }
        }
        return changed;
    }

    /** @return whether the event changed the store */
    @Transactional
    public boolean apply(String cloudEvent) throws IOException {
        return applyOne(cloudEvent);
    }

    private boolean applyOne(String cloudEvent) throws IOException {
        JsonNode event = mapper.readTree(cloudEvent);
        EventType type = EventType.of(event.path("type").asText());
        if (!USER_EVENTS.contains(type)) {
            return false;
        }
        JsonNode data = event.path("data");
        AccountChange change = AccountChange.from(type, data, Instant.parse(event.path("time").asText()));
        int updated = jdbc.update("update account set user_name = ?, email = ?, given_name = ?, family_name = ?,"
                        + " display_name = ?, status = ?, version = ?, deleted = ?, updated_at = ?,"
                        + " disabled_at = case when ? = 'disabled' then coalesce(disabled_at, ?) else null end"
                        + " where tenant_id = ? and user_id = ? and version < ?",
                change.userName(), change.email(), change.givenName(), change.familyName(), change.displayName(),
                change.status(), change.version(), change.deleted(), Timestamp.from(change.time()),
                change.status(), Timestamp.from(change.time()),
                change.tenantId(), change.userId(), change.version());
        if (updated == 1) {
            delay.accountUpdated(change.time(), change.deactivation());
            return true;
        }
        Integer existing = jdbc.queryForObject("select count(*) from account where tenant_id = ? and user_id = ?",
                Integer.class, change.tenantId(), change.userId());
        if (existing != null && existing > 0) {
            LOG.debug("Skipped {} for {}: the account already reflects version {} or later",
                    type.type(), change.userId(), change.version());
            return false;
        }
        jdbc.update("insert into account (tenant_id, user_id, user_name, email, given_name, family_name, display_name,"
                        + " status, version, deleted, created_at, updated_at, disabled_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                change.tenantId(), change.userId(), change.userName(), change.email(), change.givenName(),
                change.familyName(), change.displayName(), change.status(), change.version(), change.deleted(),
                Timestamp.from(change.time()), Timestamp.from(change.time()),
                change.status().equals("disabled") ? Timestamp.from(change.time()) : null);
        delay.accountUpdated(change.time(), change.deactivation());
        return true;
    }
}
