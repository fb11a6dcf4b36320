package com.reftab.scim.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.ResourceSchema;
import com.reftab.scim.directory.ScimFilterToSql.ChildRows;
import com.reftab.scim.directory.ScimFilterToSql.Column;
import com.reftab.scim.directory.ScimFilterToSql.ValueRows;
import com.reftab.scim.directory.ScimFilterToSql.ValueType;
import com.reftab.scim.protocol.UserSchema;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.protocol.patch.MemberOperation.Member;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SCIM users of every tenant, in JDBC. Lookups Okta and Entra make are answered from indexed
 * columns ({@code user_name_key} is the lower-cased userName, which also makes uniqueness
 * case-insensitive); the whole resource is kept as JSON beside them. Every statement is
 * tenant-scoped and takes its values as bound parameters.
 */
@Repository
public class UserDirectory extends TableStore<StoredUser> {

    public static final ScimFilterToSql FILTERS = new ScimFilterToSql("u", UserSchema.SCHEMA,
            Map.of("id", Column.text("u.id", true),
                    "username", Column.text("u.user_name_key", false),
                    "externalid", Column.text("u.external_id", true),
                    "active", new Column("u.active", ValueType.BOOLEAN, false),
                    "meta.created", new Column("u.created_at", ValueType.DATE_TIME, false),
                    "meta.lastmodified", new Column("u.last_modified", ValueType.DATE_TIME, false)),
            new ValueRows("scim_user_value", "%s.tenant_id = u.tenant_id and %s.resource_id = u.id"),
            // A user's groups are not stored with the user: they are the group member rows naming it.
            Map.of("groups", new ChildRows("scim_group_member", "%s.tenant_id = u.tenant_id and %s.member_id = u.id",
                    Map.of("value", Column.text("%s.group_id", true),
                            "display", Column.text("(select gd.display_name_key from scim_group gd"
                                    + " where gd.tenant_id = %1$s.tenant_id and gd.id = %1$s.group_id)", false),
                            "type", Column.text("'direct'", false),
                            "$ref", Column.reference("%s.group_id", "Groups")))));

    private static final String COLUMNS = "u.tenant_id, u.id, u.resource, u.version, u.created_at, u.last_modified";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Function<String, TablePages.Table<UserWithGroups>> withGroups;

    public UserDirectory(JdbcTemplate jdbc, ObjectMapper mapper) {
        super(new ResourceTable<>(jdbc, "scim_user", "u", COLUMNS, (rs, row) -> mapRow(mapper, rs)), FILTERS);
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.withGroups = table.listingsWithPageColumns(groupsOfPageRow(SqlDialect.of(jdbc.getDataSource())) + " as groups_json",
                (rs, row) -> new UserWithGroups(mapRow(mapper, rs), groups(mapper, rs)));
    }

    /**
     * A page of users in creation order, each with its groups, in one statement: Okta's and Entra's
     * lookup by userName before every assignment, and Okta's import, are then one round trip to the
     * database instead of two. Sorted pages are refused: read them with {@link #list}, the groups per chunk.
     */
    public ListQuery.Page<UserWithGroups> listWithGroups(String tenantId, ListQuery query, FilterLimits limits,
                                                         int maxResults) {
        return TablePages.run(query, FILTERS, limits, withGroups.apply(tenantId), maxResults);
    }

    /**
     * A page row's groups as one JSON array of [id, displayName] pairs, ordered as
     * {@link GroupDirectory#groupsOf} orders them; null without any. Each database's own JSON
     * aggregate: PostgreSQL has the standard's JSON_ARRAYAGG only from version 16.
     */
    private static String groupsOfPageRow(SqlDialect dialect) {
        String pair = dialect == SqlDialect.POSTGRESQL
                ? "json_agg(json_build_array(g.id, g.display_name) order by g.display_name_key)"
                : "json_arrayagg(json_array(g.id, g.display_name null on null) order by g.display_name_key)";
        return "(select " + pair + " from scim_group_member m join scim_group g on g.tenant_id = m.tenant_id"
                + " and g.id = m.group_id where m.tenant_id = p.tenant_id and m.member_id = p.id)";
    }

    private static List<Member> groups(ObjectMapper mapper, ResultSet rs) throws SQLException {
        String json = rs.getString("groups_json");
        if (json == null) {
            return List.of();
        }
        try {
            List<Member> groups = new ArrayList<>();
            for (JsonNode pair : mapper.readTree(json)) {
                groups.add(new Member(pair.get(0).asText(), pair.get(1).isNull() ? null : pair.get(1).asText()));
            }
            return List.copyOf(groups);
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable groups of user " + rs.getString("id"), e);
        }
    }

    /** A user and the groups it belongs to, by their names. */
    public record UserWithGroups(StoredUser user, List<Member> groups) {
    }

    /**
     * A user with its groups in one statement, what {@code GET /Users/{id}} answers: a row for each
     * group (one without any), in the order {@link GroupDirectory#groupsOf} gives.
     */
    public Optional<UserWithGroups> findWithGroups(String tenantId, String id) {
        return jdbc.query("select " + COLUMNS + ", g.id as group_id, g.display_name as group_display from scim_user u"
                        + " left join scim_group_member m on m.tenant_id = u.tenant_id and m.member_id = u.id"
                        + " left join scim_group g on g.tenant_id = m.tenant_id and g.id = m.group_id"
                        + " where u.tenant_id = ? and u.id = ? order by g.display_name_key",
                rs -> {
                    StoredUser user = null;
                    List<Member> groups = new ArrayList<>();
                    while (rs.next()) {
                        if (user == null) {
                            user = mapRow(mapper, rs);
                        }
                        String groupId = rs.getString("group_id");
                        if (groupId != null) {
                            groups.add(new Member(groupId, rs.getString("group_display")));
                        }
                    }
                    return Optional.ofNullable(user).map(found -> new UserWithGroups(found, List.copyOf(groups)));
                }, tenantId, id);
    }

    /** Takes the tenant's write lock first ({@link TenantWriteLock}). */
    public void insert(StoredUser user) {
        table.lockTenant(user.tenantId());
        ObjectNode a = user.attributes();
        jdbc.update("insert into scim_user (tenant_id, id, user_name, user_name_key, external_id, active, display_name,"
                        + " given_name, family_name, resource, version, created_at, last_modified)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                user.tenantId(), user.id(), user.userName(), key(user.userName()), text(a, "externalId"),
                user.active(), text(a, "displayName"), text(a.path("name"), "givenName"),
                text(a.path("name"), "familyName"), json(a), user.version(),
                Timestamp.from(user.created()), Timestamp.from(user.lastModified()));
        insertValues(user);
    }

    public void update(StoredUser user) {
        ObjectNode a = user.attributes();
        jdbc.update("update scim_user set user_name = ?, user_name_key = ?, external_id = ?, active = ?,"
                        + " display_name = ?, given_name = ?, family_name = ?, resource = ?, version = ?, last_modified = ?"
                        + " where tenant_id = ? and id = ?",
                user.userName(), key(user.userName()), text(a, "externalId"), user.active(),
                text(a, "displayName"), text(a.path("name"), "givenName"), text(a.path("name"), "familyName"),
                json(a), user.version(), Timestamp.from(user.lastModified()), user.tenantId(), user.id());
        writeChangedValues(user);
    }

    public void delete(String tenantId, String id) {
        jdbc.update("delete from scim_user_value where tenant_id = ? and resource_id = ?", tenantId, id);
        jdbc.update("delete from scim_user where tenant_id = ? and id = ?", tenantId, id);
    }

    private void insertValues(StoredUser user) {
        insertValues(user, valueRows(user).values());
    }

    /**
     * A value row is written only where it differs from the row stored: Okta's deactivation changes
     * none (active is a column), a profile push the few it names. Every row was written again on
     * each change before, each into three indexes. Compared with the rows as stored, not with those
     * the previous state would give, so a row an earlier version wrote otherwise is put right too.
     */
    private void writeChangedValues(StoredUser user) {
        Map<ValueKey, AttributeValues.Row> stored = storedValueRows(user);
        Map<ValueKey, AttributeValues.Row> now = valueRows(user);
        List<ValueKey> gone = stored.entrySet().stream()
                .filter(row -> !row.getValue().equals(now.get(row.getKey()))).map(Map.Entry::getKey).toList();
        List<AttributeValues.Row> added = now.entrySet().stream()
                .filter(row -> !row.getValue().equals(stored.get(row.getKey()))).map(Map.Entry::getValue).toList();
        if (!gone.isEmpty()) {
            jdbc.batchUpdate("delete from scim_user_value where tenant_id = ? and resource_id = ? and attribute = ? and position = ?",
                    gone.stream().map(key -> new Object[] {user.tenantId(), user.id(), key.attribute(), key.position()}).toList());
        }
        insertValues(user, added);
    }

    private Map<ValueKey, AttributeValues.Row> storedValueRows(StoredUser user) {
        Map<ValueKey, AttributeValues.Row> rows = new HashMap<>();
        jdbc.query("select attribute, position, text_value, text_key, boolean_value from scim_user_value"
                + " where tenant_id = ? and resource_id = ?", rs -> {
                    AttributeValues.Row row = new AttributeValues.Row(rs.getString("attribute"), rs.getInt("position"),
                            rs.getString("text_value"), rs.getString("text_key"), rs.getObject("boolean_value", Boolean.class));
                    rows.put(new ValueKey(row.attribute(), row.position()), row);
                }, user.tenantId(), user.id());
        return rows;
    }

    private void insertValues(StoredUser user, Collection<AttributeValues.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into scim_user_value (tenant_id, resource_id, attribute, position, text_value, text_key,"
                + " boolean_value) values (?, ?, ?, ?, ?, ?, ?)", rows.stream()
                .map(row -> new Object[] {user.tenantId(), user.id(), row.attribute(), row.position(),
                        row.text(), row.key(), row.bool()})
                .toList());
    }

    /** The rows a filter or sort may read, by their key: none for an attribute a column stands for. */
    private static Map<ValueKey, AttributeValues.Row> valueRows(StoredUser user) {
        Map<ValueKey, AttributeValues.Row> rows = new LinkedHashMap<>();
        for (AttributeValues.Row row : AttributeValues.of(UserSchema.SCHEMA, user.attributes())) {
            if (FILTERS.readsValueRowsOf(row.attribute())) {
                rows.put(new ValueKey(row.attribute(), row.position()), row);
            }
        }
        return rows;
    }

    /** A value row's key within its user (the table's primary key after tenant and user). */
    private record ValueKey(String attribute, int position) {
    }

    private static String key(String value) {
        return ResourceSchema.caseInsensitiveKey(value);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StoredUser mapRow(ObjectMapper mapper, ResultSet rs) throws SQLException {
        try {
            return new StoredUser(rs.getString("tenant_id"), rs.getString("id"),
                    (ObjectNode) mapper.readTree(rs.getString("resource")), rs.getLong("version"),
                    rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_modified").toInstant());
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable resource for user " + rs.getString("id"), e);
        }
    }
}
