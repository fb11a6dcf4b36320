package com.reftab.scim.auth;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes the first run usable with nothing configured: tenant {@code default} with Reftab's standard
 * access roles, a SCIM token and an admin token, handed over once ({@link FirstRunTokens}), as
 * Reftab's "Configure SCIM" screen shows Endpoint and Token. A token given by the operator
 * ({@code REFTAB_SCIM_TOKEN}, {@code REFTAB_ADMIN_TOKEN}) is never shown: it becomes the tenant's
 * token of its kind and, when new, retires the others ({@link ApiTokens#install}). The tenant and
 * tokens exist before the routes start taking requests.
 */
@Component
class FirstRunSetup implements InitializingBean {

    static final String DEFAULT_TENANT = "default";

    private static final Logger LOG = LoggerFactory.getLogger(FirstRunSetup.class);

    private final TenantProvisioning tenants;
    private final ApiTokens tokens;
    private final String scimToken;
    private final String adminToken;
    private final String publicUrl;
    private final FirstRunTokens firstRunTokens;
    private String newScimToken;
    private String newAdminToken;

    @Autowired
    FirstRunSetup(TenantProvisioning tenants, ApiTokens tokens, AccessSettings settings) {
        this(tenants, tokens, settings.scim().token(), settings.admin().token(), settings.publicUrl(),
                new FirstRunTokens(settings.dataDir(), () -> System.console() != null, System.out));
    }

    FirstRunSetup(TenantProvisioning tenants, ApiTokens tokens, String scimToken, String adminToken, String publicUrl,
                  FirstRunTokens firstRunTokens) {
        this.tenants = tenants;
        this.tokens = tokens;
        this.scimToken = scimToken;
        this.adminToken = adminToken;
        this.publicUrl = publicUrl;
        this.firstRunTokens = firstRunTokens;
    }

    @Override
    public void afterPropertiesSet() {
        tenants.ensure(DEFAULT_TENANT, "Default organisation");
        newScimToken = tokenToShow(TokenKind.SCIM, scimToken, "REFTAB_SCIM_TOKEN");
        newAdminToken = tokenToShow(TokenKind.ADMIN, adminToken, "REFTAB_ADMIN_TOKEN");
    }

    private String tokenToShow(TokenKind kind, String configured, String setting) {
        if (configured.isBlank()) {
            return tokens.hasLiveToken(DEFAULT_TENANT, kind) ? null : tokens.generate(DEFAULT_TENANT, kind);
        }
        switch (tokens.install(DEFAULT_TENANT, kind, configured)) {
            case REPLACED_OTHERS -> LOG.info("The {} token set in {} is new: every other {} token of tenant '{}' is revoked.",
                    kind.label(), setting, kind.label(), DEFAULT_TENANT);
            case RETIRED_EARLIER -> LOG.warn("The {} token set in {} was revoked or rotated out and stays refused;"
                    + " set a new value to replace the tenant's {} tokens.", kind.label(), setting, kind.label());
            case ALREADY_LIVE -> {
                // A restart with the same setting: tokens made since are kept.
            }
        }
        return null;
    }

    @EventListener
    public void ready(ApplicationReadyEvent ready) {
        String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        announce(publicUrl.isBlank() ? "http://localhost:" + port : publicUrl);
    }

    void announce(String base) {
        String banner = "\n\n  Reftab SCIM provisioning is ready (tenant '" + DEFAULT_TENANT + "')\n"
                + "  SCIM Endpoint : " + base + "/scim/v2\n";
        StringBuilder secrets = new StringBuilder();
        if (newScimToken != null) {
            secrets.append("  SCIM Token    : ").append(newScimToken).append("   (shown once: paste it into Okta now)\n");
        }
        if (newAdminToken != null) {
            secrets.append("  Admin Token   : ").append(newAdminToken).append("   (shown once: for ").append(base).append("/api/admin)\n");
        }
        newScimToken = null;
        newAdminToken = null;
        firstRunTokens.show(banner, secrets.toString());
    }
}
