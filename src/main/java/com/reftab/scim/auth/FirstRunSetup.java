package com.reftab.scim.auth;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes the first run usable with nothing configured: tenant {@code default} with a SCIM token and
 * an admin token, printed once, as Reftab's "Configure SCIM" screen shows Endpoint and Token.
 * Tokens given by the operator ({@code REFTAB_SCIM_TOKEN}, {@code REFTAB_ADMIN_TOKEN}) are stored
 * instead and never printed.
 */
@Component
class FirstRunSetup {

    static final String DEFAULT_TENANT = "default";

    private final JdbcTemplate jdbc;
    private final ApiTokens tokens;
    private final String scimToken;
    private final String adminToken;
    private final String publicUrl;
    private final int port;

    FirstRunSetup(JdbcTemplate jdbc, ApiTokens tokens,
                  @Value("${reftab.scim.token:}") String scimToken,
                  @Value("${reftab.admin.token:}") String adminToken,
                  @Value("${reftab.public-url:}") String publicUrl,
                  @Value("${local.server.port:${server.port:8080}}") int port) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.scimToken = scimToken;
        this.adminToken = adminToken;
        this.publicUrl = publicUrl;
        this.port = port;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void prepare() {
        Integer tenants = jdbc.queryForObject("select count(*) from tenant where id = ?", Integer.class, DEFAULT_TENANT);
        if (tenants == null || tenants == 0) {
            jdbc.update("insert into tenant (id, name, created_at) values (?, ?, ?)",
                    DEFAULT_TENANT, "Default organisation", Timestamp.from(Instant.now()));
        }
        String base = publicUrl.isBlank() ? "http://localhost:" + port : publicUrl;
        StringBuilder banner = new StringBuilder("\n\n  Reftab SCIM provisioning is ready (tenant '" + DEFAULT_TENANT + "')\n");
        banner.append("  SCIM Endpoint : ").append(base).append("/scim/v2\n");
        String newScim = tokenToShow(TokenKind.SCIM, scimToken);
        if (newScim != null) {
            banner.append("  SCIM Token    : ").append(newScim).append("   (shown once: paste it into Okta now)\n");
        }
        String newAdmin = tokenToShow(TokenKind.ADMIN, adminToken);
        if (newAdmin != null) {
            banner.append("  Admin Token   : ").append(newAdmin).append("   (shown once: for ").append(base).append("/api/admin)\n");
        }
        // The banner goes to the console only, never to the log files: it may hold a new token.
        System.out.println(banner);
    }

    private String tokenToShow(TokenKind kind, String configured) {
        if (!configured.isBlank()) {
            tokens.ensure(DEFAULT_TENANT, kind, configured);
            return null;
        }
        return tokens.hasLiveToken(DEFAULT_TENANT, kind) ? null : tokens.generate(DEFAULT_TENANT, kind);
    }
}
