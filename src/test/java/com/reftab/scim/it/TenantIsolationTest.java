package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Tenants made through the operator API, and what each tenant's tokens can and cannot reach. */
@ScimIntegrationTest
class TenantIsolationTest {

    @LocalServerPort
    int port;

    HttpCalls operator;

    @BeforeEach
    void operator() {
        operator = new HttpCalls(port, ScimIntegrationTest.OPERATOR_TOKEN);
    }

    private JsonNode newTenant() {
        String id = "org-" + UUID.randomUUID().toString().substring(0, 8);
        HttpCalls.Reply reply = operator.post("/api/operator/tenants", "{\"id\":\"" + id + "\",\"name\":\"Org " + id + "\"}");
        assertThat(reply.status()).isEqualTo(201);
        return reply.body();
    }

    private HttpCalls scim(JsonNode tenant) {
        return new HttpCalls(port, tenant.path("scimToken").asText());
    }

    private HttpCalls admin(JsonNode tenant) {
        return new HttpCalls(port, tenant.path("adminToken").asText());
    }

    @Test
    void theOperatorCreatesATenantReadyForItsIdentityProvider() {
        JsonNode tenant = newTenant();

        assertThat(tenant.path("scimEndpoint").asText()).endsWith("/scim/v2");
        assertThat(scim(tenant).get("/scim/v2/Users").status()).isEqualTo(200);
        assertThat(admin(tenant).get("/api/admin/roles").body().path("defaultRole").asText()).isEqualTo("User");
        assertThat(operator.get("/api/operator/tenants").body().path("tenants").toString()).contains(tenant.path("id").asText());
    }

    @Test
    void theOperatorApiNeedsTheOperatorToken() {
        HttpCalls notOperator = new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN);

        assertThat(notOperator.post("/api/operator/tenants", "{\"id\":\"sneaky\",\"name\":\"S\"}").status()).isEqualTo(401);
        assertThat(notOperator.get("/api/operator/tenants").status()).isEqualTo(401);
    }

    @Test
    void aTenantIdIsUniqueAndWellFormed() {
        JsonNode tenant = newTenant();

        HttpCalls.Reply again = operator.post("/api/operator/tenants", "{\"id\":\"" + tenant.path("id").asText() + "\",\"name\":\"X\"}");
        HttpCalls.Reply malformed = operator.post("/api/operator/tenants", "{\"id\":\"Not A Slug!\",\"name\":\"X\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("scimType").asText()).isEqualTo("invalidValue");
    }

    @Test
    void oneTenantsTokenNeverReachesAnotherTenantsUsers() {
        JsonNode a = newTenant();
        JsonNode b = newTenant();
        String userName = "shared-" + UUID.randomUUID() + "@atko.com";
        String id = scim(a).post("/scim/v2/Users", oktaUser(userName, "A", "User")).body().path("id").asText();

        assertThat(scim(b).get("/scim/v2/Users/" + id).status()).isEqualTo(404);
        assertThat(scim(b).patch("/scim/v2/Users/" + id, HttpCalls.activePatch(false)).status()).isEqualTo(404);
        assertThat(scim(b).delete("/scim/v2/Users/" + id).status()).isEqualTo(404);
        assertThat(scim(b).get("/scim/v2/Users?filter=userName%20eq%20%22" + userName + "%22").body().path("totalResults").asInt())
                .isZero();
        assertThat(scim(a).get("/scim/v2/Users/" + id).body().path("active").asBoolean()).isTrue();
    }

    @Test
    void theSameUserNameMayExistInTwoTenants() {
        String userName = "twice-" + UUID.randomUUID() + "@atko.com";

        assertThat(scim(newTenant()).post("/scim/v2/Users", oktaUser(userName, "A", "A")).status()).isEqualTo(201);
        assertThat(scim(newTenant()).post("/scim/v2/Users", oktaUser(userName, "B", "B")).status()).isEqualTo(201);
    }

    @Test
    void anotherTenantsUserCannotBeMadeAMemberOfMyGroup() {
        JsonNode a = newTenant();
        JsonNode b = newTenant();
        String foreign = scim(a).post("/scim/v2/Users", oktaUser("f-" + UUID.randomUUID() + "@atko.com", "F", "F"))
                .body().path("id").asText();

        HttpCalls.Reply reply = scim(b).post("/scim/v2/Groups",
                "{\"displayName\":\"Mine\",\"members\":[{\"value\":\"" + foreign + "\"}]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("scimType").asText()).isEqualTo("invalidValue");
    }

    @Test
    void oneTenantsAdminTokenNeverReachesAnotherTenantsAccountsOrGroups() {
        JsonNode a = newTenant();
        JsonNode b = newTenant();
        String user = scim(a).post("/scim/v2/Users", oktaUser("adm-" + UUID.randomUUID() + "@atko.com", "A", "A"))
                .body().path("id").asText();
        String group = scim(a).post("/scim/v2/Groups", "{\"displayName\":\"Team\"}").body().path("id").asText();

        assertThat(admin(b).get("/api/admin/accounts/" + user).status()).isEqualTo(404);
        assertThat(admin(b).put("/api/admin/group-mappings/" + group, "{\"role\":\"Manager\"}").status()).isEqualTo(404);
        assertThat(admin(b).get("/api/admin/group-mappings").body().path("totalResults").asInt()).isZero();
        assertThat(admin(b).get("/api/admin/events").body().path("events")).isEmpty();
        assertThat(new HttpCalls(port, b.path("adminToken").asText()).get("/scim/v2/Users").status()).isEqualTo(401);
    }

    @Test
    void aGeneratedTokenIsShownOnceAndListedOnlyByItsHint() {
        JsonNode tenant = newTenant();

        JsonNode generated = admin(tenant).post("/api/admin/scim-tokens", "").body();
        JsonNode listed = admin(tenant).get("/api/admin/scim-tokens").body().path("tokens");

        String token = generated.path("token").asText();
        assertThat(new HttpCalls(port, token).get("/scim/v2/Users").status()).isEqualTo(200);
        assertThat(listed).hasSize(2);
        assertThat(listed.toString()).doesNotContain(token).contains(generated.path("hint").asText());
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        JsonNode tenant = newTenant();
        String tokenId = admin(tenant).get("/api/admin/scim-tokens").body().path("tokens").get(0).path("id").asText();

        assertThat(admin(tenant).delete("/api/admin/scim-tokens/" + tokenId).status()).isEqualTo(204);

        assertThat(scim(tenant).get("/scim/v2/Users").status()).isEqualTo(401);
        assertThat(admin(tenant).delete("/api/admin/scim-tokens/" + tokenId).status()).isEqualTo(404);
    }

    @Test
    void aTenantCannotRevokeAnotherTenantsToken() {
        JsonNode a = newTenant();
        JsonNode b = newTenant();
        String tokenOfA = admin(a).get("/api/admin/scim-tokens").body().path("tokens").get(0).path("id").asText();

        assertThat(admin(b).delete("/api/admin/scim-tokens/" + tokenOfA).status()).isEqualTo(404);
        assertThat(scim(a).get("/scim/v2/Users").status()).isEqualTo(200);
    }
}
