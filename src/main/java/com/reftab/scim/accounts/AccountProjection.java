package com.reftab.scim.accounts;

import java.io.IOException;
import java.lang.reflect.Array;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.directory.IdLookup;
import com.reftab.scim.events.EventType;
import org.springframework.stereotype.Component;

/**
 * What user events mean for the Reftab user store's accounts: the account-projection route
 * (routes/account-projection.yaml) writes the changes it returns as statements of many rows, each
 * row newer than the account only (the statement's version check), so redelivered and replayed
 * events are harmless. An account is a projection of its user's events alone: the only thing read
 * is the version each account already reflects. A deleted user keeps a disabled account: Reftab
 * keeps their equipment history.
 */
@Component("accountProjection")
public class AccountProjection {

    /**
     * Rows written by one statement at most: it bounds a statement's arrays (typically some 100 KB
     * of names and ids) however large a poll is.
     */
    public static final int ROWS_PER_STATEMENT = 500;
    private static final Set<EventType> USER_EVENTS = EnumSet.of(EventType.USER_CREATED, EventType.USER_UPDATED,
            EventType.USER_DEACTIVATED, EventType.USER_REACTIVATED, EventType.USER_DELETED);
    /** The columns of routes/account-projection.yaml's statement, one array parameter each. */
    private static final List<Column> COLUMNS = List.of(
            new Column("tenantIds", String.class, AccountChange::tenantId),
            new Column("userIds", String.class, AccountChange::userId),
            new Column("versions", Long.class, AccountChange::version),
            new Column("userNames", String.class, AccountChange::userName),
            new Column("emails", String.class, AccountChange::email),
            // Keys a loan naming the person by userName or e-mail is matched on (EquipmentHoldings).
            new Column("userNameKeys", String.class, change -> key(change.userName())),
            new Column("emailKeys", String.class, change -> key(change.email())),
            new Column("givenNames", String.class, AccountChange::givenName),
            new Column("familyNames", String.class, AccountChange::familyName),
            new Column("displayNames", String.class, AccountChange::displayName),
            new Column("statuses", String.class, AccountChange::status),
            new Column("deleted", Boolean.class, AccountChange::deleted),
            // As text: PostgreSQL's driver binds no array of timestamps. ISO-8601 with its zone, so
            // the instant is exact whatever the zone of the JVM or the database session.
            new Column("times", String.class, change -> change.time().toString()));

    private final ObjectMapper mapper;
    private final ProjectionDelay delay;
    private final IdLookup ids;

    AccountProjection(ObjectMapper mapper, ProjectionDelay delay, IdLookup ids) {
        this.mapper = mapper;
        this.delay = delay;
        this.ids = ids;
    }

    /**
     * One statement's rows: its parameters (one array per column, each account once) and the
     * changes they carry, each newer than its account when read.
     */
    public record AccountRows(Map<String, Object> parameters, List<AccountChange> changes) {
    }

    /** The account changes of a poll's events, in their order; events of other kinds have none. */
    public List<AccountChange> applyAll(List<String> cloudEvents) throws IOException {
        List<AccountChange> changes = new ArrayList<>();
        for (String cloudEvent : cloudEvents) {
            changes.addAll(changeOf(cloudEvent));
        }
        return changes;
    }

    /** The account change of one event: none, or one. */
    public List<AccountChange> apply(String cloudEvent) throws IOException {
        return changeOf(cloudEvent);
    }

    /**
     * The statements that write the changes, in their order: those newer than the version their
     * account reflects, many to a statement whatever their tenant. An account met again starts a
     * new statement, since one MERGE may not change a row twice (PostgreSQL refuses it).
     */
    public List<AccountRows> rows(List<AccountChange> changes) {
        Map<String, Map<String, Long>> versions = storedVersions(changes);
        List<AccountRows> statements = new ArrayList<>();
        List<AccountChange> pending = new ArrayList<>();
        Set<List<String>> pendingAccounts = new HashSet<>();
        for (AccountChange change : changes) {
            Map<String, Long> tenantVersions = versions.get(change.tenantId());
            Long reflected = tenantVersions.get(change.userId());
            if (reflected != null && change.version() <= reflected) {
                continue;
            }
            tenantVersions.put(change.userId(), change.version());
            List<String> account = List.of(change.tenantId(), change.userId());
            if (pendingAccounts.contains(account) || pending.size() == ROWS_PER_STATEMENT) {
                statements.add(statement(pending));
                pending = new ArrayList<>();
                pendingAccounts.clear();
            }
            pending.add(change);
            pendingAccounts.add(account);
        }
        if (!pending.isEmpty()) {
            statements.add(statement(pending));
        }
        return statements;
    }

    /**
     * Notes a statement the route wrote: its changes are measured once its transaction commits.
     * All of its rows were newer when read; should another writer have come between (fewer rows
     * changed than written), the changes measured are those whose version the account now holds.
     */
    public void written(AccountRows rows, int rowsChanged) {
        if (rowsChanged == rows.changes().size()) {
            delay.accountsUpdated(rows.changes());
            return;
        }
        Map<String, Map<String, Long>> versions = storedVersions(rows.changes());
        delay.accountsUpdated(rows.changes().stream()
                .filter(change -> Long.valueOf(change.version()).equals(versions.get(change.tenantId()).get(change.userId())))
                .toList());
    }

    private List<AccountChange> changeOf(String cloudEvent) throws IOException {
        JsonNode event = mapper.readTree(cloudEvent);
        EventType type = EventType.of(event.path("type").asText());
        if (!USER_EVENTS.contains(type)) {
            return List.of();
        }
        return List.of(AccountChange.from(type, event.path("data"), Instant.parse(event.path("time").asText())));
    }

    /** The version each named account reflects, by tenant and user; accounts not yet written are absent. */
    private Map<String, Map<String, Long>> storedVersions(List<AccountChange> changes) {
        Map<String, Set<String>> users = new LinkedHashMap<>();
        for (AccountChange change : changes) {
            users.computeIfAbsent(change.tenantId(), tenant -> new LinkedHashSet<>()).add(change.userId());
        }
        Map<String, Map<String, Long>> versions = new HashMap<>();
        users.forEach((tenantId, userIds) -> {
            Map<String, Long> tenantVersions = new HashMap<>();
            ids.query("select user_id, version from account where tenant_id = ? and user_id " + IdLookup.IDS, userIds,
                    rs -> tenantVersions.put(rs.getString("user_id"), rs.getLong("version")), tenantId);
            versions.put(tenantId, tenantVersions);
        });
        return versions;
    }

    private static AccountRows statement(List<AccountChange> changes) {
        Map<String, Object> parameters = new HashMap<>();
        for (Column column : COLUMNS) {
            Object[] values = (Object[]) Array.newInstance(column.type(), changes.size());
            for (int row = 0; row < values.length; row++) {
                values[row] = column.value().apply(changes.get(row));
            }
            parameters.put(column.parameter(), values);
        }
        return new AccountRows(parameters, List.copyOf(changes));
    }

    /** One column of the statement's rows: its array parameter, the array's type and each row's value. */
    private record Column(String parameter, Class<?> type, Function<AccountChange, Object> value) {
    }

    private static String key(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
