package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** Without insecure hosts allowed, a federated credential's JWKS URL that is http or on loopback is refused when saved. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ScimIntegrationTest
@TestPropertySource(properties = "reftab.oauth.jwks.allow-insecure-hosts=false")
class JwksUrlRefusedAtSaveTest {

    @LocalServerPort
    int port;

    private HttpCalls.Reply create(String jwksUri) {
        Tenants.Tenant tenant = new Tenants(port, "jwks").create();
        return tenant.admin().post("/api/admin/oauth-clients", "{\"name\":\"Entra\",\"federatedCredential\":{\"issuer\":"
                + "\"https://login.microsoftonline.com/t/v2.0\",\"subject\":\"s\",\"audience\":\"api://a\",\"jwksUri\":\""
                + jwksUri + "\"}}");
    }

    @Test
    void anHttpJwksUrlIsRefused() {
        HttpCalls.Reply reply = create("http://login.microsoftonline.com/common/discovery/v2.0/keys");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("scimType").asText()).isEqualTo("invalidValue");
    }

    @Test
    void anHttpsJwksUrlOnLoopbackIsRefused() {
        HttpCalls.Reply reply = create("https://127.0.0.1:8443/keys");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("scimType").asText()).isEqualTo("invalidValue");
    }
}
