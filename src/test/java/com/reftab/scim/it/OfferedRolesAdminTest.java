package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.it.Tenants.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The admin chooses which access roles are offered to the identity provider: {@code /api/admin/roles}
 * shows each role's choice, {@code PUT /api/admin/roles/{name}/offered} changes it. Every role is
 * offered until withdrawn.
 */
@ScimIntegrationTest
class OfferedRolesAdminTest {

    @LocalServerPort
    int port;

    Tenant tenant;

    @BeforeEach
    void tenant() {
        tenant = new Tenants(port, "offer").create();
    }

    private JsonNode role(String name) {
        for (JsonNode role : tenant.admin().get("/api/admin/roles").body().path("roles")) {
            if (role.path("name").asText().equals(name)) {
                return role;
            }
        }
        throw new AssertionError("no role " + name);
    }

    @Test
    void everyStandardRoleIsOfferedFromTheStart() {
        for (JsonNode role : tenant.admin().get("/api/admin/roles").body().path("roles")) {
            assertThat(role.path("offered").asBoolean()).as(role.toString()).isTrue();
        }
    }

    @Test
    void anAdminWithdrawsARoleAndOffersItAgain() {
        HttpCalls.Reply withdrawn = tenant.admin().put("/api/admin/roles/Manager/offered", "{\"offered\":false}");

        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.body().path("offered").asBoolean()).isFalse();
        assertThat(role("Manager").path("offered").asBoolean()).isFalse();
        assertThat(role("User").path("offered").asBoolean()).isTrue();

        tenant.admin().put("/api/admin/roles/Manager/offered", "{\"offered\":true}");
        assertThat(role("Manager").path("offered").asBoolean()).isTrue();
    }

    @Test
    void anOfferThatIsNotTrueOrFalseIsRefusedAndChangesNothing() {
        for (String body : new String[] {"{\"offered\":\"no\"}", "{}", "{\"offered\":null}"}) {
            HttpCalls.Reply reply = tenant.admin().put("/api/admin/roles/Manager/offered", body);

            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.body().path("scimType").asText()).as(body).isEqualTo("invalidValue");
            assertThat(reply.body().path("detail").asText()).as(body).contains("'offered'");
        }
        assertThat(role("Manager").path("offered").asBoolean()).isTrue();
    }

    @Test
    void aRoleNameStartingWithABraceIsRefusedSinceEntraWouldSendItAsAnEncodedAppRole() {
        for (String name : new String[] {"{Auditor}", " {\\\"id\\\":1}"}) {
            HttpCalls.Reply reply = tenant.admin().post("/api/admin/roles", "{\"name\":\"" + name + "\",\"precedence\":350}");

            assertThat(reply.status()).as(name).isEqualTo(400);
            assertThat(reply.body().path("scimType").asText()).as(name).isEqualTo("invalidValue");
            assertThat(reply.body().path("detail").asText()).as(name).contains("'{'");
        }
        assertThat(tenant.admin().get("/api/admin/roles").body().path("roles")).hasSize(4);
    }

    @Test
    void offeringARoleTheTenantDoesNotHaveIsRefused() {
        HttpCalls.Reply reply = tenant.admin().put("/api/admin/roles/Nobody/offered", "{\"offered\":true}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("detail").asText()).contains("no role named 'Nobody'");
    }

    @Test
    void anotherTenantsAdminCannotWithdrawThisTenantsRole() {
        Tenant other = new Tenants(port, "offer-other").create();
        other.admin().post("/api/admin/roles", "{\"name\":\"Auditor\",\"precedence\":350}");

        assertThat(tenant.admin().put("/api/admin/roles/Auditor/offered", "{\"offered\":false}").status()).isEqualTo(400);
        assertThat(other.scim().get("/scim/v2/Roles/Auditor").status()).isEqualTo(200);
    }

    @Test
    void aRoleIsCreatedWithdrawnAndDescribedWhenTheAdminSaysSo() {
        HttpCalls.Reply created = tenant.admin().post("/api/admin/roles",
                "{\"name\":\"Contractor\",\"precedence\":150,\"offered\":false,\"description\":\"Borrows for a project.\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(role("Contractor").path("offered").asBoolean()).isFalse();
        assertThat(role("Contractor").path("description").asText()).isEqualTo("Borrows for a project.");
    }

    @Test
    void aRoleCreatedWithAnOfferOrDescriptionOfTheWrongKindIsRefused() {
        HttpCalls.Reply offered = tenant.admin().post("/api/admin/roles", "{\"name\":\"A\",\"precedence\":1,\"offered\":1}");
        HttpCalls.Reply described = tenant.admin().post("/api/admin/roles",
                "{\"name\":\"B\",\"precedence\":1,\"description\":\"" + "d".repeat(513) + "\"}");
        HttpCalls.Reply atTheBound = tenant.admin().post("/api/admin/roles",
                "{\"name\":\"C\",\"precedence\":1,\"description\":\"" + "d".repeat(512) + "\"}");

        assertThat(offered.status()).isEqualTo(400);
        assertThat(described.status()).isEqualTo(400);
        assertThat(described.body().path("detail").asText()).contains("512");
        assertThat(atTheBound.status()).isEqualTo(201);
        assertThat(tenant.admin().get("/api/admin/roles").body().path("roles").findValuesAsText("name")).doesNotContain("A", "B");
    }
}
