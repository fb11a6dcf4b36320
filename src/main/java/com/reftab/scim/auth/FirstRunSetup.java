package com.reftab.scim.auth;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes the first run usable with nothing configured: tenant {@code default} with Reftab's standard
 * access roles, a SCIM token and an admin token, the tokens printed once, as Reftab's "Configure
 * SCIM" screen shows Endpoint and Token. Tokens given by the operator ({@code REFTAB_SCIM_TOKEN}, {@code REFTAB_ADMIN_TOKEN}) are stored
 * instead and never printed. The tenant and tokens exist before the routes start taking requests.
 */
@Component
class FirstRunSetup implements InitializingBean {

    static final String DEFAULT_TENANT = "default";

    private final TenantProvisioning tenants;
    private final ApiTokens tokens;
    private final String scimToken;
    private final String adminToken;
    private final String publicUrl;
    private String newScimToken;
    private String newAdminToken;

    FirstRunSetup(TenantProvisioning tenants, ApiTokens tokens,
                  @Value("${reftab.scim.token:}") String scimToken,
                  @Value("${reftab.admin.token:}") String adminToken,
                  @Value("${reftab.public-url:}") String publicUrl) {
        this.tenants = tenants;
        this.tokens = tokens;
        this.scimToken = scimToken;
        this.adminToken = adminToken;
        this.publicUrl = publicUrl;
    }

    @Override
    public void afterPropertiesSet() {
        tenants.ensure(DEFAULT_TENANT, "Default organisation");
        newScimToken = tokenToShow(TokenKind.SCIM, scimToken);
        newAdminToken = tokenToShow(TokenKind.ADMIN, adminToken);
    }

    private String tokenToShow(TokenKind kind, String configured) {
        if (!configured.isBlank()) {
            tokens.ensure(DEFAULT_TENANT, kind, configured);
            return null;
        }
        return tokens.hasLiveToken(DEFAULT_TENANT, kind) ? null : tokens.generate(DEFAULT_TENANT, kind);
    }

    @EventListener
    public void printEndpoint(ApplicationReadyEvent ready) {
        String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        String base = publicUrl.isBlank() ? "http://localhost:" + port : publicUrl;
        StringBuilder banner = new StringBuilder("\n\n  Reftab SCIM provisioning is ready (tenant '" + DEFAULT_TENANT + "')\n");
        banner.append("  SCIM Endpoint : ").append(base).append("/scim/v2\n");
        if (newScimToken != null) {
            banner.append("  SCIM Token    : ").append(newScimToken).append("   (shown once: paste it into Okta now)\n");
        }
        if (newAdminToken != null) {
            banner.append("  Admin Token   : ").append(newAdminToken).append("   (shown once: for ").append(base).append("/api/admin)\n");
        }
        newScimToken = null;
        newAdminToken = null;
        // The banner goes to the console only, never to the log files: it may hold a new token.
        System.out.println(banner);
    }
}
