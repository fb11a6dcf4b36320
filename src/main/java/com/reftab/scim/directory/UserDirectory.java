package com.reftab.scim.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.scim.filter.ScimFilterToSql;
import com.reftab.scim.scim.filter.ScimFilterToSql.ChildColumn;
import com.reftab.scim.scim.filter.ScimFilterToSql.Column;
import com.reftab.scim.scim.filter.ScimFilterToSql.Column.Kind;
import com.reftab.scim.scim.filter.ScimFilterToSql.SqlCondition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SCIM users of every tenant, in JDBC. Lookups Okta and Entra make are answered from indexed
 * columns ({@code user_name_key} is the lower-cased userName, which also makes uniqueness
 * case-insensitive); the whole resource is kept as JSON beside them. Every statement is
 * tenant-scoped and takes its values as bound parameters.
 */
@Repository
public class UserDirectory {

    public static final ScimFilterToSql FILTERS = new ScimFilterToSql(
            Map.of("username", new Column("u.user_name_key", Kind.CASE_IGNORED_STRING),
                    "externalid", new Column("u.external_id", Kind.CASE_EXACT_STRING),
                    "id", new Column("u.id", Kind.CASE_EXACT_STRING),
                    "active", new Column("u.active", Kind.BOOLEAN)),
            Map.of("emails", new ChildColumn("scim_user_email",
                    "c.tenant_id = u.tenant_id and c.user_id = u.id",
                    new Column("c.value_key", Kind.CASE_IGNORED_STRING),
                    Map.of("type", new Column("lower(c.type)", Kind.CASE_IGNORED_STRING),
                            "primary", new Column("c.is_primary", Kind.BOOLEAN)))));

    private static final String COLUMNS = "u.tenant_id, u.id, u.resource, u.version, u.created_at, u.last_modified";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final ResourceTable<StoredUser> table;

    public UserDirectory(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.table = new ResourceTable<>(jdbc, "scim_user", "u", COLUMNS, this::mapRow);
    }

    public Optional<StoredUser> find(String tenantId, String id) {
        return table.find(tenantId, id);
    }

    /** Reads and locks the row for the rest of the transaction, so concurrent changes queue up instead of racing. */
    public Optional<StoredUser> findForUpdate(String tenantId, String id) {
        return table.findForUpdate(tenantId, id);
    }

    public long count(String tenantId, SqlCondition condition) {
        return table.count(tenantId, condition);
    }

    public List<StoredUser> page(String tenantId, SqlCondition condition, long offset, int limit) {
        return table.page(tenantId, condition, offset, limit);
    }

    public void insert(StoredUser user) {
        ObjectNode a = user.attributes();
        jdbc.update("insert into scim_user (tenant_id, id, user_name, user_name_key, external_id, active, display_name,"
                        + " given_name, family_name, resource, version, created_at, last_modified)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                user.tenantId(), user.id(), user.userName(), key(user.userName()), text(a, "externalId"),
                user.active(), text(a, "displayName"), text(a.path("name"), "givenName"),
                text(a.path("name"), "familyName"), json(a), user.version(),
                Timestamp.from(user.created()), Timestamp.from(user.lastModified()));
        insertEmails(user);
    }

    public void update(StoredUser user) {
        ObjectNode a = user.attributes();
        jdbc.update("update scim_user set user_name = ?, user_name_key = ?, external_id = ?, active = ?,"
                        + " display_name = ?, given_name = ?, family_name = ?, resource = ?, version = ?, last_modified = ?"
                        + " where tenant_id = ? and id = ?",
                user.userName(), key(user.userName()), text(a, "externalId"), user.active(),
                text(a, "displayName"), text(a.path("name"), "givenName"), text(a.path("name"), "familyName"),
                json(a), user.version(), Timestamp.from(user.lastModified()), user.tenantId(), user.id());
        jdbc.update("delete from scim_user_email where tenant_id = ? and user_id = ?", user.tenantId(), user.id());
        insertEmails(user);
    }

    public void delete(String tenantId, String id) {
        jdbc.update("delete from scim_user_email where tenant_id = ? and user_id = ?", tenantId, id);
        jdbc.update("delete from scim_user where tenant_id = ? and id = ?", tenantId, id);
    }

    private void insertEmails(StoredUser user) {
        JsonNode emails = user.attributes().path("emails");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            JsonNode email = emails.get(i);
            if (email.hasNonNull("value")) {
                rows.add(new Object[] {user.tenantId(), user.id(), i, key(email.get("value").asText()),
                        text(email, "type"), email.path("primary").asBoolean(false)});
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("insert into scim_user_email (tenant_id, user_id, position, value_key, type, is_primary)"
                    + " values (?, ?, ?, ?, ?, ?)", rows);
        }
    }



    private static String key(String value) {
        return value.toLowerCase(Locale.ROOT);
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

    private StoredUser mapRow(ResultSet rs, int row) throws SQLException {
        try {
            return new StoredUser(rs.getString("tenant_id"), rs.getString("id"),
                    (ObjectNode) mapper.readTree(rs.getString("resource")), rs.getLong("version"),
                    rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_modified").toInstant());
        } catch (JsonProcessingException e) {
            throw new SQLException("Unreadable resource for user " + rs.getString("id"), e);
        }
    }
}
