package com.reftab.scim.roles;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A tenant's {@code directRolesAuthoritative}: when true, a person's direct role assignments
 * decide their role whenever they have one (see {@link EffectiveRole}).
 */
@Repository
public class DirectRolesSetting {

    private final JdbcTemplate jdbc;

    public DirectRolesSetting(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean authoritative(String tenantId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select direct_roles_authoritative from tenant where id = ?",
                Boolean.class, tenantId));
    }

    /** The setting, read with the tenant's row locked to the end of the transaction, before a change. */
    public boolean authoritativeForUpdate(String tenantId) {
        jdbc.update("update tenant set name = name where id = ?", tenantId);
        return authoritative(tenantId);
    }

    /** @return the setting's version after the change: one more than before; the tenant's row is locked */
    public long set(String tenantId, boolean authoritative) {
        jdbc.update("update tenant set direct_roles_authoritative = ?, direct_roles_version = direct_roles_version + 1"
                + " where id = ?", authoritative, tenantId);
        return jdbc.queryForObject("select direct_roles_version from tenant where id = ?", Long.class, tenantId);
    }
}
