package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.it.Tenants.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Tenants made through the operator API, and what each tenant's tokens can and cannot reach. */
@ScimIntegrationTest
class TenantIsolationTest {

    @LocalServerPort
    int port;

    HttpCalls operator;
    Tenants tenants;

    @BeforeEach
    void operator() {
        operator = new HttpCalls(port, ScimIntegrationTest.OPERATOR_TOKEN);
        tenants = new Tenants(port, "org");
    }

    @Test
    void theOperatorCreatesATenantReadyForItsIdentityProvider() {
        Tenant tenant = tenants.create();

        assertThat(tenant.created().path("scimEndpoint").asText()).endsWith("/scim/v2");
        assertThat(tenant.scim().get("/scim/v2/Users").status()).isEqualTo(200);
        assertThat(tenant.admin().get("/api/admin/roles").body().path("defaultRole").asText()).isEqualTo("User");
        assertThat(operator.get("/api/operator/tenants").body().path("tenants").toString()).contains(tenant.id());
    }

    @Test
    void theOperatorApiNeedsTheOperatorToken() {
        HttpCalls notOperator = new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN);

        assertThat(notOperator.post("/api/operator/tenants", "{\"id\":\"sneaky\",\"name\":\"S\"}").status()).isEqualTo(401);
        assertThat(notOperator.get("/api/operator/tenants").status()).isEqualTo(401);
    }

    @Test
    void aTenantIdIsUniqueAndWellFormed() {
        Tenant tenant = tenants.create();

        HttpCalls.Reply again = operator.post("/api/operator/tenants", "{\"id\":\"" + tenant.id() + "\",\"name\":\"X\"}");
        HttpCalls.Reply malformed = operator.post("/api/operator/tenants", "{\"id\":\"Not A Slug!\",\"name\":\"X\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("scimType").asText()).isEqualTo("invalidValue");
    }

    @Test
    void oneTenantsTokenNeverReachesAnotherTenantsUsers() {
        Tenant a = tenants.create();
        Tenant b = tenants.create();
        String userName = "shared-" + UUID.randomUUID() + "@atko.com";
        String id = a.scim().post("/scim/v2/Users", oktaUser(userName, "A", "User")).body().path("id").asText();

        assertThat(b.scim().get("/scim/v2/Users/" + id).status()).isEqualTo(404);
        assertThat(b.scim().patch("/scim/v2/Users/" + id, HttpCalls.activePatch(false)).status()).isEqualTo(404);
        assertThat(b.scim().delete("/scim/v2/Users/" + id).status()).isEqualTo(404);
        assertThat(b.scim().get("/scim/v2/Users?filter=userName%20eq%20%22" + userName + "%22").body().path("totalResults").asInt())
                .isZero();
        assertThat(a.scim().get("/scim/v2/Users/" + id).body().path("active").asBoolean()).isTrue();
    }

    @Test
    void theSameUserNameMayExistInTwoTenants() {
        String userName = "twice-" + UUID.randomUUID() + "@atko.com";

        assertThat(tenants.create().scim().post("/scim/v2/Users", oktaUser(userName, "A", "A")).status()).isEqualTo(201);
        assertThat(tenants.create().scim().post("/scim/v2/Users", oktaUser(userName, "B", "B")).status()).isEqualTo(201);
    }

    @Test
    void anotherTenantsUserCannotBeMadeAMemberOfMyGroup() {
        Tenant a = tenants.create();
        Tenant b = tenants.create();
        String foreign = a.scim().post("/scim/v2/Users", oktaUser("f-" + UUID.randomUUID() + "@atko.com", "F", "F"))
                .body().path("id").asText();

        HttpCalls.Reply reply = b.scim().post("/scim/v2/Groups",
                "{\"displayName\":\"Mine\",\"members\":[{\"value\":\"" + foreign + "\"}]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("scimType").asText()).isEqualTo("invalidValue");
    }

    @Test
    void oneTenantsAdminTokenNeverReachesAnotherTenantsAccountsOrGroups() {
        Tenant a = tenants.create();
        Tenant b = tenants.create();
        String user = a.scim().post("/scim/v2/Users", oktaUser("adm-" + UUID.randomUUID() + "@atko.com", "A", "A"))
                .body().path("id").asText();
        String group = a.scim().post("/scim/v2/Groups", "{\"displayName\":\"Team\"}").body().path("id").asText();

        assertThat(b.admin().get("/api/admin/accounts/" + user).status()).isEqualTo(404);
        assertThat(b.admin().put("/api/admin/group-mappings/" + group, "{\"role\":\"Manager\"}").status()).isEqualTo(404);
        assertThat(b.admin().get("/api/admin/group-mappings").body().path("totalResults").asInt()).isZero();
        assertThat(b.admin().get("/api/admin/events").body().path("events")).isEmpty();
        assertThat(b.admin().get("/scim/v2/Users").status()).isEqualTo(401);
    }

    @Test
    void aGeneratedTokenIsShownOnceAndListedOnlyByItsHint() {
        Tenant tenant = tenants.create();

        JsonNode generated = tenant.admin().post("/api/admin/scim-tokens", "").body();
        JsonNode listed = tenant.admin().get("/api/admin/scim-tokens").body().path("tokens");

        String token = generated.path("token").asText();
        assertThat(new HttpCalls(port, token).get("/scim/v2/Users").status()).isEqualTo(200);
        assertThat(listed).hasSize(2);
        assertThat(listed.toString()).doesNotContain(token).contains(generated.path("hint").asText());
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        Tenant tenant = tenants.create();
        String tokenId = tenant.admin().get("/api/admin/scim-tokens").body().path("tokens").get(0).path("id").asText();

        assertThat(tenant.admin().delete("/api/admin/scim-tokens/" + tokenId).status()).isEqualTo(204);

        assertThat(tenant.scim().get("/scim/v2/Users").status()).isEqualTo(401);
        assertThat(tenant.admin().delete("/api/admin/scim-tokens/" + tokenId).status()).isEqualTo(404);
    }

    @Test
    void aTenantCannotRevokeAnotherTenantsToken() {
        Tenant a = tenants.create();
        Tenant b = tenants.create();
        String tokenOfA = a.admin().get("/api/admin/scim-tokens").body().path("tokens").get(0).path("id").asText();

        assertThat(b.admin().delete("/api/admin/scim-tokens/" + tokenOfA).status()).isEqualTo(404);
        assertThat(a.scim().get("/scim/v2/Users").status()).isEqualTo(200);
    }
}
