package com.reftab.scim.auth;

import java.sql.Timestamp;
import java.time.Instant;

import com.reftab.scim.roles.AccessRoles;
import com.reftab.scim.protocol.ScimException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Makes a tenant ready for its IdP: the tenant, Reftab's standard roles, a SCIM token and an admin token. */
@Component
public class TenantProvisioning {

    /** The tokens of a new tenant, shown once. */
    public record NewTenant(String id, String name, String scimToken, String adminToken) {
    }

    private final JdbcTemplate jdbc;
    private final AccessRoles roles;
    private final ApiTokens tokens;
    private final TransactionTemplate transaction;

    public TenantProvisioning(JdbcTemplate jdbc, AccessRoles roles, ApiTokens tokens, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.roles = roles;
        this.tokens = tokens;
        this.transaction = transaction;
    }

    public NewTenant create(String id, String name) {
        try {
            return transaction.execute(status -> {
                insert(id, name);
                roles.seedDefaults(id);
                return new NewTenant(id, name, tokens.generate(id, TokenKind.SCIM), tokens.generate(id, TokenKind.ADMIN));
            });
        } catch (DuplicateKeyException e) {
            throw ScimException.uniqueness("A tenant with id '" + id + "' exists already.");
        }
    }

    /** The tenant and its roles, unless they exist (several instances may start at once). */
    void ensure(String id, String name) {
        Integer count = jdbc.queryForObject("select count(*) from tenant where id = ?", Integer.class, id);
        if (count == null || count == 0) {
            try {
                insert(id, name);
            } catch (DuplicateKeyException e) {
                // Another instance created it at the same moment.
            }
        }
        roles.seedDefaults(id);
    }

    private void insert(String id, String name) {
        jdbc.update("insert into tenant (id, name, created_at) values (?, ?, ?)", id, name, Timestamp.from(Instant.now()));
    }
}
