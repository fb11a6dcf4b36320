package com.reftab.scim.roles;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The access roles of each tenant and its default role (for users whose groups map to nothing). */
@Repository
public class AccessRoles {

    /** Reftab's standard roles; a loanee holds equipment but has no login. */
    static final List<AccessRole> DEFAULTS = List.of(
            new AccessRole("Administrator", 400, true, true, "Manages the Reftab account, its users and settings."),
            new AccessRole("Manager", 300, true, true, "Manages assets, loans and reservations."),
            new AccessRole("User", 200, true, true, "Logs in to Reftab to view assets and borrow them."),
            new AccessRole("Loanee", 100, false, true, "Holds equipment on loan; cannot log in to Reftab."));

    private static final String COLUMNS = "select name, precedence, can_login, offered_to_idp, description from access_role";
    private static final RowMapper<AccessRole> ROLE = (rs, row) -> new AccessRole(rs.getString("name"),
            rs.getInt("precedence"), rs.getBoolean("can_login"), rs.getBoolean("offered_to_idp"), rs.getString("description"));

    private final JdbcTemplate jdbc;

    public AccessRoles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<AccessRole> list(String tenantId) {
        return jdbc.query(COLUMNS + " where tenant_id = ? order by precedence desc, name", ROLE, tenantId);
    }

    public Optional<AccessRole> find(String tenantId, String name) {
        return jdbc.query(COLUMNS + " where tenant_id = ? and name = ?", ROLE, tenantId, name).stream().findFirst();
    }

    /** The roles offered to the tenant's identity provider: what {@code /Roles} lists and a user may be given. */
    public List<AccessRole> offered(String tenantId) {
        return jdbc.query(COLUMNS + " where tenant_id = ? and offered_to_idp = true order by precedence desc, name",
                ROLE, tenantId);
    }

    /** A role the identity provider may assign, by its name (its SCIM id); empty when unknown or withdrawn. */
    public Optional<AccessRole> findOffered(String tenantId, String name) {
        return find(tenantId, name).filter(AccessRole::offered);
    }

    /**
     * Offers a role to the identity provider or withdraws it, and describes it; moves the version
     * {@code /Roles} tags it with. A null leaves that part as it is.
     *
     * @return whether the tenant has the role
     */
    public boolean update(String tenantId, String name, Boolean offered, String description) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder set = new StringBuilder("version = version + 1");
        if (offered != null) {
            set.append(", offered_to_idp = ?");
            parameters.add(offered);
        }
        if (description != null) {
            set.append(", description = ?");
            parameters.add(description);
        }
        parameters.add(tenantId);
        parameters.add(name);
        return jdbc.update("update access_role set " + set + " where tenant_id = ? and name = ?", parameters.toArray()) > 0;
    }

    /** The role's version: one more with each change an admin makes to it. */
    public long version(String tenantId, String name) {
        return jdbc.queryForObject("select version from access_role where tenant_id = ? and name = ?", Long.class,
                tenantId, name);
    }

    /** @throws DuplicateKeyException when the tenant has a role of that name */
    public void create(String tenantId, AccessRole role) {
        jdbc.update("insert into access_role (tenant_id, name, precedence, can_login, offered_to_idp, description, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)", tenantId, role.name(), role.precedence(), role.canLogin(),
                role.offered(), role.description(), Timestamp.from(Instant.now()));
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

    /** @return the tenant's default-role version after the change: one more than before */
    public long setDefaultRole(String tenantId, String name) {
        jdbc.update("update tenant set default_role = ?, default_role_version = default_role_version + 1 where id = ?",
                name, tenantId);
        return jdbc.queryForObject("select default_role_version from tenant where id = ?", Long.class, tenantId);
    }
}
