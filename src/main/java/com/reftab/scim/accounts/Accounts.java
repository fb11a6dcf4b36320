package com.reftab.scim.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.directory.GroupDirectory;
import com.reftab.scim.protocol.patch.MemberOperation.Member;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads of the Reftab user store for the admin API ("Settings > Sub Accounts"): each account with
 * its status, its effective access role (the tenant's default until the role mapping has placed
 * it) and the groups it belongs to. Whether one may log in follows from both.
 */
@Repository
public class Accounts {

    private static final String ROLE = "coalesce(aa.role, t.default_role)";
    private static final String SELECT = "select a.user_id, a.user_name, a.email, a.given_name, a.family_name,"
            + " a.display_name, a.status, a.version, a.deleted, a.created_at, a.updated_at, a.disabled_at,"
            + " " + ROLE + " as access_role, coalesce(r.can_login, true) as role_can_login, aa.updated_at as role_changed_at,"
            + " aa.role_origin, aa.role_origin_group, og.display_name as role_origin_group_name"
            + " from account a join tenant t on t.id = a.tenant_id"
            + " left join account_access aa on aa.tenant_id = a.tenant_id and aa.user_id = a.user_id"
            + " left join scim_group og on og.tenant_id = aa.tenant_id and og.id = aa.role_origin_group"
            + " left join access_role r on r.tenant_id = a.tenant_id and r.name = " + ROLE;
    private static final String COUNT = "select count(*) from account a join tenant t on t.id = a.tenant_id"
            + " left join account_access aa on aa.tenant_id = a.tenant_id and aa.user_id = a.user_id";

    private final JdbcTemplate jdbc;
    private final GroupDirectory groups;

    public Accounts(JdbcTemplate jdbc, GroupDirectory groups) {
        this.jdbc = jdbc;
        this.groups = groups;
    }

    public record Page(long total, List<ObjectNode> accounts) {
    }

    /** @param group only the members of this pushed group (by id), when given */
    public record Search(String status, String role, String query, String group) {
        public Search(String status, String role, String query) {
            this(status, role, query, null);
        }
    }

    public Page search(String tenantId, Search search, long offset, int limit) {
        StringBuilder where = new StringBuilder(" where a.tenant_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(tenantId));
        if (search.status() != null && !search.status().isBlank()) {
            where.append(" and a.status = ?");
            parameters.add(search.status().toLowerCase(Locale.ROOT));
        }
        if (search.role() != null && !search.role().isBlank()) {
            where.append(" and ").append(ROLE).append(" = ?");
            parameters.add(search.role());
        }
        if (search.group() != null && !search.group().isBlank()) {
            where.append(" and exists (select 1 from scim_group_member gm where gm.tenant_id = a.tenant_id"
                    + " and gm.member_id = a.user_id and gm.group_id = ?)");
            parameters.add(search.group());
        }
        if (search.query() != null && !search.query().isBlank()) {
            where.append(" and (lower(a.user_name) like ? escape '\\' or lower(coalesce(a.email, '')) like ? escape '\\'"
                    + " or lower(coalesce(a.display_name, '')) like ? escape '\\')");
            String like = "%" + search.query().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            parameters.add(like);
            parameters.add(like);
            parameters.add(like);
        }
        Long total = jdbc.queryForObject(COUNT + where, Long.class, parameters.toArray());
        List<Object> pageParameters = new ArrayList<>(parameters);
        pageParameters.add(limit);
        pageParameters.add(offset);
        List<ObjectNode> rows = jdbc.query(SELECT + where + " order by a.user_name, a.user_id limit ? offset ?",
                Accounts::toJson, pageParameters.toArray());
        return new Page(total == null ? 0 : total, withGroups(tenantId, rows));
    }

    /** Accounts disabled by provisioning, the most recently disabled first. */
    public Page disabledNewestFirst(String tenantId, long offset, int limit) {
        Long total = jdbc.queryForObject("select count(*) from account where tenant_id = ? and status = 'disabled'",
                Long.class, tenantId);
        List<ObjectNode> rows = jdbc.query(SELECT + " where a.tenant_id = ? and a.status = 'disabled'"
                        + " order by a.disabled_at desc, a.user_id limit ? offset ?",
                Accounts::toJson, tenantId, limit, offset);
        return new Page(total == null ? 0 : total, withGroups(tenantId, rows));
    }

    /** Where a walk through the disabled accounts stands: the last account read. */
    public record DisabledPosition(Timestamp disabledAt, String userId) {
    }

    /**
     * The next disabled accounts after {@code after} (from the start when null), in the report's
     * order. Keyset, not offset: a report of 100,000 accounts read in chunks costs each chunk what
     * it holds, not what came before it.
     */
    public List<ObjectNode> disabledNewestFirstAfter(String tenantId, DisabledPosition after, int limit) {
        List<ObjectNode> rows = after == null
                ? jdbc.query(SELECT + " where a.tenant_id = ? and a.status = 'disabled'"
                        + " order by a.disabled_at desc, a.user_id limit ?", Accounts::toJson, tenantId, limit)
                : jdbc.query(SELECT + " where a.tenant_id = ? and a.status = 'disabled'"
                        + " and (a.disabled_at < ? or (a.disabled_at = ? and a.user_id > ?))"
                        + " order by a.disabled_at desc, a.user_id limit ?",
                        Accounts::toJson, tenantId, after.disabledAt(), after.disabledAt(), after.userId(), limit);
        return withGroups(tenantId, rows);
    }

    public Optional<ObjectNode> find(String tenantId, String userId) {
        List<ObjectNode> rows = jdbc.query(SELECT + " where a.tenant_id = ? and a.user_id = ?", Accounts::toJson, tenantId, userId);
        return withGroups(tenantId, rows).stream().findFirst();
    }

    private List<ObjectNode> withGroups(String tenantId, List<ObjectNode> accounts) {
        Map<String, List<Member>> memberships = groups.groupsOf(tenantId, accounts.stream().map(a -> a.get("id").asText()).toList());
        for (ObjectNode account : accounts) {
            ArrayNode array = account.putArray("groups");
            memberships.getOrDefault(account.get("id").asText(), List.of())
                    .forEach(g -> array.addObject().put("id", g.value()).put("displayName", g.display()));
        }
        return accounts;
    }

    private static ObjectNode toJson(ResultSet rs, int row) throws SQLException {
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
        node.put("accessRole", rs.getString("access_role"));
        // Where the role comes from: a mapped group, a direct assignment by the identity provider, or the
        // default (also before the role mapping has placed the account).
        String origin = rs.getString("role_origin");
        node.put("roleOrigin", origin == null ? "default" : origin);
        if ("group".equals(origin)) {
            node.putObject("roleOriginGroup").put("id", rs.getString("role_origin_group"))
                    .put("displayName", rs.getString("role_origin_group_name"));
        } else {
            node.putNull("roleOriginGroup");
        }
        node.put("canLogin", "active".equals(status) && !deleted && rs.getBoolean("role_can_login"));
        node.put("version", rs.getLong("version"));
        node.put("createdAt", instant(rs.getTimestamp("created_at")));
        node.put("updatedAt", instant(rs.getTimestamp("updated_at")));
        node.put("disabledAt", instant(rs.getTimestamp("disabled_at")));
        node.put("roleChangedAt", instant(rs.getTimestamp("role_changed_at")));
        node.put("lastProvisionedAt", instant(latest(rs.getTimestamp("updated_at"), rs.getTimestamp("role_changed_at"))));
        return node;
    }

    /** The later of the last user event applied and the last role the user's groups gave them. */
    private static Timestamp latest(Timestamp updated, Timestamp roleChanged) {
        return roleChanged == null || updated.after(roleChanged) ? updated : roleChanged;
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }
}
