package com.reftab.scim.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads of the Reftab user store for the admin API ("Settings > Sub Accounts"). */
@Repository
public class Accounts {

    private static final String COLUMNS = "user_id, user_name, email, given_name, family_name, display_name,"
            + " status, version, deleted, created_at, updated_at, disabled_at";

    private final JdbcTemplate jdbc;

    public Accounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Page(long total, List<ObjectNode> accounts) {
    }

    public Page search(String tenantId, String status, String query, long offset, int limit) {
        StringBuilder where = new StringBuilder("tenant_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(tenantId));
        if (status != null && !status.isBlank()) {
            where.append(" and status = ?");
            parameters.add(status.toLowerCase(Locale.ROOT));
        }
        if (query != null && !query.isBlank()) {
            where.append(" and (lower(user_name) like ? escape '\\' or lower(coalesce(email, '')) like ? escape '\\'"
                    + " or lower(coalesce(display_name, '')) like ? escape '\\')");
            String like = "%" + query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            parameters.add(like);
            parameters.add(like);
            parameters.add(like);
        }
        Long total = jdbc.queryForObject("select count(*) from account where " + where, Long.class, parameters.toArray());
        List<Object> pageParameters = new ArrayList<>(parameters);
        pageParameters.add(limit);
        pageParameters.add(offset);
        List<ObjectNode> rows = jdbc.query("select " + COLUMNS + " from account where " + where
                + " order by user_name, user_id limit ? offset ?", this::toJson, pageParameters.toArray());
        return new Page(total == null ? 0 : total, rows);
    }

    public Optional<ObjectNode> find(String tenantId, String userId) {
        return jdbc.query("select " + COLUMNS + " from account where tenant_id = ? and user_id = ?",
                this::toJson, tenantId, userId).stream().findFirst();
    }

    private ObjectNode toJson(ResultSet rs, int row) throws SQLException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", rs.getString("user_id"));
        node.put("userName", rs.getString("user_name"));
        node.put("email", rs.getString("email"));
        node.put("givenName", rs.getString("given_name"));
        node.put("familyName", rs.getString("family_name"));
        node.put("displayName", rs.getString("display_name"));
        String status = rs.getString("status");
        node.put("status", status);
        boolean deleted = rs.getBoolean("deleted");
        node.put("deletedInIdentityProvider", deleted);
        node.put("canLogin", "active".equals(status) && !deleted);
        node.put("version", rs.getLong("version"));
        node.put("createdAt", instant(rs.getTimestamp("created_at")));
        node.put("updatedAt", instant(rs.getTimestamp("updated_at")));
        node.put("disabledAt", instant(rs.getTimestamp("disabled_at")));
        return node;
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }
}
