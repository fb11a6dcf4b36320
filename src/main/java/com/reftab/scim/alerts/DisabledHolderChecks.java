package com.reftab.scim.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.equipment.EquipmentHoldings;
import com.reftab.scim.equipment.HeldItem;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import com.reftab.scim.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Looks at the people the events named once their check is due: a disabled person who holds items
 * nobody was told about raises an alert. The alert's key is recorded with its event (in the outbox)
 * in one transaction, before anything is sent, and a key already recorded raises nothing: once per
 * person and change, however often the events are replayed.
 *
 * <p>Keys: {@code disabled@<disabledAt>} for the items held when the person was disabled (a person
 * deactivated again after a reactivation is a new change; a deletion of a disabled person is not),
 * and {@code disabled@<disabledAt>/item/<itemId>@<since>} for an item checked out to them later.
 */
@Component("disabledHolderChecks")
public class DisabledHolderChecks {

    private static final Logger log = LoggerFactory.getLogger(DisabledHolderChecks.class);
    static final int CHECKS_PER_RUN = 100;
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EquipmentHoldings holdings;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final AlertSettings settings;
    private final Clock clock;
    private final Counter dropped;

    public DisabledHolderChecks(JdbcTemplate jdbc, TransactionTemplate transaction, EquipmentHoldings holdings, Outbox outbox,
                                ObjectMapper mapper, AlertSettings settings, Clock alertClock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.holdings = holdings;
        this.outbox = outbox;
        this.mapper = mapper;
        this.settings = settings;
        this.clock = alertClock;
        this.dropped = Counter.builder("reftab.equipment.alert.checks.dropped")
                .description("Equipment alert checks dropped because the account or holding never reflected their change")
                .register(registry);
    }

    /** The checks due now, each in a transaction of its own. @return alerts raised */
    public int runDue() {
        Instant now = clock.instant();
        List<Due> due = jdbc.query("select tenant_id, user_id, user_version, item_id, loan_version, waits"
                        + " from equipment_alert_check where due_at <= ? order by due_at limit ?",
                (rs, row) -> new Due(rs.getString("tenant_id"), rs.getString("user_id"),
                        (Long) rs.getObject("user_version", Long.class), rs.getString("item_id"),
                        (Long) rs.getObject("loan_version", Long.class), rs.getInt("waits")),
                Timestamp.from(now), CHECKS_PER_RUN);
        int raised = 0;
        for (Due check : due) {
            try {
                Integer alerts = transaction.execute(status -> {
                    if (behind(check)) {
                        waitAgain(check, now);
                        return 0;
                    }
                    // Taken by whoever deletes it: another instance's run skips it.
                    if (jdbc.update("delete from equipment_alert_check where tenant_id = ? and user_id = ? and due_at <= ?",
                            check.tenantId(), check.userId(), Timestamp.from(now)) == 0) {
                        return 0;
                    }
                    return check(check.tenantId(), check.userId(), now);
                });
                raised += alerts == null ? 0 : alerts;
            } catch (RuntimeException e) {
                // Left for the next run: its row is still there.
                log.warn("Equipment alert check of user {} in tenant {} failed, will retry: {}", check.userId(), check.tenantId(), e.toString());
            }
        }
        return raised;
    }

    /**
     * Whether the account or the item's holding does not reflect the change that asked for the check
     * yet (its consumer is behind): deciding now would decide on the state before the change.
     */
    private boolean behind(Due check) {
        if (check.userVersion() != null) {
            Long version = jdbc.query("select version from account where tenant_id = ? and user_id = ?",
                    rs -> rs.next() ? rs.getLong(1) : null, check.tenantId(), check.userId());
            if (version == null || version < check.userVersion()) {
                return true;
            }
        }
        if (check.itemId() != null && check.loanVersion() != null) {
            Long version = jdbc.query("select version from equipment_loan where tenant_id = ? and item_id = ?",
                    rs -> rs.next() ? rs.getLong(1) : null, check.tenantId(), check.itemId());
            return version == null || version < check.loanVersion();
        }
        return false;
    }

    /** Looks again later, backing off; after {@code checkWaits} waits the change is taken as never coming. */
    private void waitAgain(Due check, Instant now) {
        if (check.waits() >= settings.checkWaits()) {
            if (jdbc.update("delete from equipment_alert_check where tenant_id = ? and user_id = ? and due_at <= ?",
                    check.tenantId(), check.userId(), Timestamp.from(now)) > 0) {
                dropped.increment();
                log.warn("Equipment alert check of user {} in tenant {} dropped: after {} waits the account or holding still"
                        + " does not reflect its change (user version {}, item {} loan version {})", check.userId(),
                        check.tenantId(), check.waits(), check.userVersion(), check.itemId(), check.loanVersion());
            }
            return;
        }
        Duration wait = settings.settleDelay().multipliedBy(1L << Math.min(check.waits(), 20));
        if (wait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        }
        jdbc.update("update equipment_alert_check set waits = waits + 1, due_at = ? where tenant_id = ? and user_id = ? and due_at <= ?",
                Timestamp.from(now.plus(wait)), check.tenantId(), check.userId(), Timestamp.from(now));
    }

    /** A due check and the change it waits for: a user event's version, an item's loan version (either may be absent). */
    private record Due(String tenantId, String userId, Long userVersion, String itemId, Long loanVersion, int waits) {
    }

    /** Whether the person is disabled and holds items nobody was told about; raises the alerts. @return alerts raised */
    int check(String tenantId, String userId, Instant now) {
        List<Person> people = jdbc.query("select user_id, user_name, display_name, email, status, disabled_at from account"
                + " where tenant_id = ? and user_id = ?", (rs, row) -> new Person(rs.getString("user_id"),
                rs.getString("user_name"), rs.getString("display_name"), rs.getString("email"), rs.getString("status"),
                rs.getTimestamp("disabled_at") == null ? null : rs.getTimestamp("disabled_at").toInstant()), tenantId, userId);
        if (people.isEmpty() || !"disabled".equals(people.get(0).status()) || people.get(0).disabledAt() == null) {
            return 0;
        }
        Person person = people.get(0);
        List<HeldItem> held = holdings.heldBy(tenantId, userId);
        if (held.isEmpty()) {
            return 0;
        }
        String episode = "disabled@" + person.disabledAt().toEpochMilli();
        Set<String> told = itemsAlready(tenantId, userId, episode);
        if (told == null) {
            // Nobody was told in this episode: held since before the disabling, or all checked out after it.
            boolean allAfter = held.stream().allMatch(item -> item.since() != null && item.since().isAfter(person.disabledAt()));
            raise(tenantId, person, episode, allAfter ? AlertReason.CHECKOUT_TO_DISABLED : AlertReason.DISABLED, held, now);
            return 1;
        }
        int raised = 0;
        for (HeldItem item : held) {
            String itemKey = itemKey(item);
            if (!told.contains(itemKey)) {
                AlertReason reason = item.since() != null && item.since().isBefore(person.disabledAt())
                        ? AlertReason.DISABLED : AlertReason.CHECKOUT_TO_DISABLED;
                raise(tenantId, person, episode + "/item/" + itemKey, reason, List.of(item), now);
                raised++;
            }
        }
        return raised;
    }

    /** The items already alerted about in this episode, or null if the episode was never alerted about. */
    private Set<String> itemsAlready(String tenantId, String userId, String episode) {
        List<String> data = jdbc.queryForList("select data from equipment_alert where tenant_id = ? and user_id = ?"
                + " and (change_key = ? or change_key like ?)", String.class, tenantId, userId, episode, episode + "/item/%");
        if (data.isEmpty()) {
            return null;
        }
        Set<String> told = new HashSet<>();
        for (String alert : data) {
            try {
                for (JsonNode item : mapper.readTree(alert).path("itemKeys")) {
                    told.add(item.asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return told;
    }

    private void raise(String tenantId, Person person, String key, AlertReason reason, List<HeldItem> items, Instant now) {
        ObjectNode data = AlertMessages.alertData(tenantId, person.json(), reason, items, settings.maxItemsPerAlert());
        var keys = data.putArray("itemKeys");
        items.forEach(item -> keys.add(itemKey(item)));
        data.put("alertKey", key);
        String json;
        try {
            json = mapper.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The key first: a second instance raising the same alert fails here and rolls back.
        jdbc.update("insert into equipment_alert (tenant_id, user_id, change_key, reason, data, created_at) values (?, ?, ?, ?, ?, ?)",
                tenantId, person.id(), key, reason.value(), json, Timestamp.from(now));
        ObjectNode event = data.deepCopy();
        event.remove("itemKeys");
        outbox.append(ProvisioningEvent.withData(tenantId, EventType.EQUIPMENT_DISABLED_HOLDER_ALERTED,
                "Users/" + person.id(), event, now));
    }

    static String itemKey(HeldItem item) {
        return item.itemId() + "@" + (item.since() == null ? 0 : item.since().toEpochMilli());
    }

    /** The person as the account in the user store shows them. */
    record Person(String id, String userName, String displayName, String email, String status, Instant disabledAt) {
        ObjectNode json() {
            ObjectNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            node.put("id", id);
            node.put("userName", userName);
            node.put("displayName", displayName);
            node.put("email", email);
            node.put("disabledAt", disabledAt == null ? null : disabledAt.toString());
            return node;
        }
    }
}
