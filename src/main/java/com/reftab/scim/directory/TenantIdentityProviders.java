package com.reftab.scim.directory;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Each tenant's identity provider, kept on the tenant row; Okta when nothing else was set. */
@Component
public class TenantIdentityProviders {

    private final JdbcTemplate jdbc;

    public TenantIdentityProviders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public IdentityProvider of(String tenantId) {
        List<String> ids = jdbc.queryForList("select identity_provider from tenant where id = ?", String.class, tenantId);
        return ids.isEmpty() ? IdentityProvider.OKTA : IdentityProvider.of(ids.get(0)).orElse(IdentityProvider.OKTA);
    }

    /** @return whether the tenant exists */
    public boolean set(String tenantId, IdentityProvider provider) {
        return jdbc.update("update tenant set identity_provider = ? where id = ?", provider.id(), tenantId) == 1;
    }
}
