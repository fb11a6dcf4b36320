package com.reftab.scim.auth;

import java.sql.Timestamp;
import java.time.Instant;

import com.reftab.scim.roles.AccessRoles;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes the first run usable with nothing configured: tenant {@code default} with a SCIM token and
 * an admin token, printed once, and Reftab's standard access roles, as Reftab's "Configure SCIM" screen shows Endpoint and Token.
 * Tokens given by the operator ({@code REFTAB_SCIM_TOKEN}, {@code REFTAB_ADMIN_TOKEN}) are stored
 * instead and never printed. The tenant and tokens exist before the routes start taking requests.
 */
@Component
class FirstRunSetup implements InitializingBean {

    static final String DEFAULT_TENANT = "default";

    private final JdbcTemplate jdbc;
    private final ApiTokens tokens;
    private final AccessRoles roles;
    private final String scimToken;
    private final String adminToken;
    private final String publicUrl;
    private String newScimToken;
    private String newAdminToken;

    FirstRunSetup(JdbcTemplate jdbc, ApiTokens tokens, AccessRoles roles,
                  @Value("${reftab.scim.token:}") String scimToken,
                  @Value("${reftab.admin.token:}") String adminToken,
                  @Value("${reftab.public-url:}") String publicUrl) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.roles = roles;
        this.scimToken = scimToken;
        this.adminToken = adminToken;
        this.publicUrl = publicUrl;
    }

    @Override
    public void afterPropertiesSet() {
        Integer tenants = jdbc.queryForObject("select count(*) from tenant where id = ?", Integer.class, DEFAULT_TENANT);
        if (tenants == null || tenants == 0) {
            try {
                jdbc.update("insert into tenant (id, name, created_at) values (?, ?, ?)",
                        DEFAULT_TENANT, "Default organisation", Timestamp.from(Instant.now()));
            } catch (DuplicateKeyException e) {
                // Another instance created it at the same moment.
            }
        }
        roles.seedDefaults(DEFAULT_TENANT);
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
