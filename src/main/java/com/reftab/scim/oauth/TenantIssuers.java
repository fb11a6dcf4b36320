package com.reftab.scim.oauth;

import java.net.URI;
import java.util.Optional;

/** A tenant's issuer is {@code {base}/oauth2/tenants/{tenantId}}: the tenant is read back from it. */
final class TenantIssuers {

    static final String PREFIX = "/oauth2/tenants/";

    private TenantIssuers() {
    }

    /** @return the tenant of an issuer of that shape, from its path */
    static Optional<String> tenantOf(String issuer) {
        if (issuer == null) {
            return Optional.empty();
        }
        String path;
        try {
            path = URI.create(issuer).getPath();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (path == null || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String tenant = path.substring(PREFIX.length());
        return tenant.isEmpty() || tenant.contains("/") ? Optional.empty() : Optional.of(tenant);
    }
}
