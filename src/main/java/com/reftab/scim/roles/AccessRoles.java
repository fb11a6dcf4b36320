package com.reftab.scim.roles;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.reftab.scim.directory.IdLookup;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The access roles of each tenant and its default role (for users whose groups map to nothing). */
@Repository
public class AccessRoles {

    /** Reftab's standard roles; a loanee holds equipment but has no login. */
    static final List<AccessRole> DEFAULTS = List.of(
            new AccessRole("Administrator", 400, true),
            new AccessRole("Manager", 300, true),
            new AccessRole("User", 200, true),
            new AccessRole("Loanee", 100, false));

    private static final RowMapper<AccessRole> ROLE = (rs, row) ->
            new AccessRole(rs.getString("name"), rs.getInt("precedence"), rs.getBoolean("can_login"));

    private final JdbcTemplate jdbc;
    private final IdLookup ids;

    public AccessRoles(JdbcTemplate jdbc, IdLookup ids) {
        this.jdbc = jdbc;
        this.ids = ids;
    }

    public List<AccessRole> list(String tenantId) {
        return jdbc.query("select name, precedence, can_login from access_role where tenant_id = ? order by precedence desc, name",
                ROLE, tenantId);
    }

    public Optional<AccessRole> find(String tenantId, String name) {
        return jdbc.query("select name, precedence, can_login from access_role where tenant_id = ? and name = ?",
                ROLE, tenantId, name).stream().findFirst();
    }

    /** @throws DuplicateKeyException when the tenant has a role of that name */
    public void create(String tenantId, AccessRole role) {
        jdbc.update("insert into access_role (tenant_id, name, precedence, can_login, created_at) values (?, ?, ?, ?, ?)",
                tenantId, role.name(), role.precedence(), role.canLogin(), Timestamp.from(Instant.now()));
    }

    /** Gives a tenant the standard roles, once. */
    public void seedDefaults(String tenantId) {
        Integer count = jdbc.queryForObject("select count(*) from access_role where tenant_id = ?", Integer.class, tenantId);
        if (count != null && count > 0) {
            return;
        }
        for (AccessRole role : DEFAULTS) {
            try {
                create(tenantId, role);
            } catch (DuplicateKeyException e) {
                // Another instance seeded the same tenant at the same moment.
            }
        }
    }

    public String defaultRoleName(String tenantId) {
        return jdbc.queryForObject("select default_role from tenant where id = ?", String.class, tenantId);
    }

    public AccessRole defaultRole(String tenantId) {
        String name = defaultRoleName(tenantId);
        return find(tenantId, name).orElse(new AccessRole(name, 0, true));
    }

    public void setDefaultRole(String tenantId, String name) {
        jdbc.update("update tenant set default_role = ? where id = ?", name, tenantId);
    }

    /** The roles each user's groups are mapped to, read from the directory's current memberships. */
    public Map<String, List<AccessRole>> rolesOfMappedGroups(String tenantId, List<String> userIds) {
        Map<String, List<AccessRole>> roles = new HashMap<>();
        ids.query("select m.member_id, r.name, r.precedence, r.can_login from scim_group_member m"
                        + " join group_role_mapping gm on gm.tenant_id = m.tenant_id and gm.group_id = m.group_id"
                        + " join access_role r on r.tenant_id = gm.tenant_id and r.name = gm.role"
                        + " where m.tenant_id = ? and m.member_id " + IdLookup.IDS,
                userIds, rs -> {
                    roles.computeIfAbsent(rs.getString("member_id"), id -> new ArrayList<>()).add(ROLE.mapRow(rs, 0));
                }, tenantId);
        return roles;
    }
}
