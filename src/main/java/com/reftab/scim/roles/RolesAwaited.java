package com.reftab.scim.roles;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Whether a group's members' roles have followed the mappings: the members whose stored access role
 * differs from the one the role rule gives them now (the highest precedence among their direct
 * roles and their groups' mappings, else the tenant's default; see {@link EffectiveRole}). It is zero once the role-mapping route has caught up.
 */
@Repository
public class RolesAwaited {

    /** The member's direct roles, by name. */
    private static final String DIRECT = "(select d.role from direct_role_assignment d"
            + " where d.tenant_id = m.tenant_id and d.user_id = m.member_id)";
    /** The role rule ({@link EffectiveRole}) over the directory's tables. */
    private static final String ROLE_DUE = "coalesce("
            + "case when t.direct_roles_authoritative then (select r.name from access_role r"
            + " where r.tenant_id = m.tenant_id and r.name in " + DIRECT
            + " order by r.precedence desc, r.name limit 1) end,"
            + " (select r.name from access_role r where r.tenant_id = m.tenant_id and (r.name in " + DIRECT
            + " or r.name in (select gm.role from scim_group_member m2"
            + " join group_role_mapping gm on gm.tenant_id = m2.tenant_id and gm.group_id = m2.group_id"
            + " where m2.tenant_id = m.tenant_id and m2.member_id = m.member_id))"
            + " order by r.precedence desc, r.name limit 1), t.default_role)";

    private final JdbcTemplate jdbc;

    public RolesAwaited(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return per group id, the members still awaiting their role (groups with none are left out) */
    public Map<String, Long> membersAwaitingRole(String tenantId, Collection<String> groupIds) {
        Map<String, Long> awaiting = new HashMap<>();
        if (groupIds.isEmpty()) {
            return awaiting;
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(tenantId);
        parameters.addAll(groupIds);
        String in = String.join(", ", Collections.nCopies(groupIds.size(), "?"));
        jdbc.query("select m.group_id, count(*) awaiting from scim_group_member m"
                        + " join tenant t on t.id = m.tenant_id"
                        + " left join account_access aa on aa.tenant_id = m.tenant_id and aa.user_id = m.member_id"
                        + " where m.tenant_id = ? and m.group_id in (" + in + ")"
                        + " and coalesce(aa.role, t.default_role) <> " + ROLE_DUE
                        + " group by m.group_id",
                rs -> {
                    awaiting.put(rs.getString("group_id"), rs.getLong("awaiting"));
                }, parameters.toArray());
        return awaiting;
    }
}
