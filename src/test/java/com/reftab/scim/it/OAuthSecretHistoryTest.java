package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A client's secrets are bounded when they are rotated: live ones by the configured bound, and the
 * revoked or expired ones kept for the console's history only up to a fixed number, so adding and
 * revoking secrets in a loop cannot grow the table (or the clients list answer) without end.
 */
@ScimIntegrationTest
class OAuthSecretHistoryTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void revokedSecretsAreKeptOnlyUpToTheHistoryBound() {
        Tenants.Tenant tenant = new Tenants(port, "secret-history").create();
        JsonNode client = tenant.admin().post("/api/admin/oauth-clients", "{\"name\":\"Entra\"}").body();
        String clientId = client.path("clientId").asText();
        String secretId = client.path("secret").path("id").asText();

        for (int i = 0; i < 40; i++) {
            HttpCalls.Reply added = tenant.admin().post("/api/admin/oauth-clients/" + clientId + "/secrets", "{}");
            assertThat(added.status()).isEqualTo(201);
            assertThat(tenant.admin().delete("/api/admin/oauth-clients/" + clientId + "/secrets/" + secretId).status())
                    .isEqualTo(204);
            secretId = added.body().path("secret").path("id").asText();
        }

        // Pruned as each secret is added: 20 revoked ones kept then, and the one revoked after the last addition.
        assertThat(jdbc.queryForObject("select count(*) from oauth_client_secret where client_id = ? and revoked_at is not null",
                Integer.class, clientId)).isEqualTo(21);
        assertThat(jdbc.queryForObject("select count(*) from oauth_client_secret where client_id = ? and revoked_at is null",
                Integer.class, clientId)).isEqualTo(1);
    }
}
