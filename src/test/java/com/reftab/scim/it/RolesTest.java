package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.it.Tenants.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Reftab's access roles at {@code /scim/v2/Roles}, as Okta Identity Governance reads them: found
 * through {@code /ResourceTypes} by Okta's Role schema, paged and filtered like any resource, read
 * only, each tenant's own, and only the roles its admin offers. Each test has a tenant of its own,
 * with Reftab's four standard roles.
 */
@ScimIntegrationTest
class RolesTest {

    private static final String ROLE_SCHEMA = "urn:okta:scim:schemas:core:1.0:Role";
    private static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    @LocalServerPort
    int port;

    Tenant tenant;

    @BeforeEach
    void tenant() {
        tenant = new Tenants(port, "roles").create();
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private List<String> names(String filter) {
        HttpCalls.Reply reply = tenant.scim().get("/scim/v2/Roles?filter=" + query(filter));
        assertThat(reply.status()).as(filter + ": " + reply.body()).isEqualTo(200);
        return reply.body().path("Resources").findValuesAsText("displayName");
    }

    private HttpCalls.Reply offer(String role, boolean offered) {
        return tenant.admin().put("/api/admin/roles/" + query(role) + "/offered", "{\"offered\":" + offered + "}");
    }

    /** Exactly the assertions of Okta's "SCIM 2.0 Entitlements Test", on the endpoint /ResourceTypes names. */
    @Test
    void oktasEntitlementsCheckPassesOnTheEndpointResourceTypesNames() {
        JsonNode type = null;
        for (JsonNode candidate : tenant.scim().get("/scim/v2/ResourceTypes").body().path("Resources")) {
            if (candidate.path("schema").asText().equals(ROLE_SCHEMA)) {
                type = candidate;
            }
        }
        assertThat(type).as("a resource type with Okta's Role schema").isNotNull();

        HttpCalls.Reply reply = tenant.scim().get("/scim/v2" + type.path("endpoint").asText() + "?count=1&startIndex=1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("Resources").isArray()).isTrue();
        assertThat(reply.body().path("Resources")).isNotEmpty();
        assertThat(reply.body().path("schemas").get(0).asText()).isEqualTo(LIST_RESPONSE);
        assertThat(reply.body().path("startIndex").isNumber()).isTrue();
        assertThat(reply.body().path("itemsPerPage").isNumber()).isTrue();
        assertThat(reply.body().path("itemsPerPage").asInt()).isEqualTo(1);
        assertThat(reply.body().path("totalResults").isNumber()).isTrue();
    }

    @Test
    void pagesOfOneWalkEveryOfferedRoleOnceHighestPrecedenceFirst() {
        List<String> walked = new ArrayList<>();
        for (int startIndex = 1; startIndex <= 5; startIndex++) {
            JsonNode page = tenant.scim().get("/scim/v2/Roles?count=1&startIndex=" + startIndex).body();
            assertThat(page.path("totalResults").asLong()).isEqualTo(4);
            assertThat(page.path("startIndex").asLong()).isEqualTo(startIndex);
            walked.addAll(page.path("Resources").findValuesAsText("displayName"));
            assertThat(page.path("itemsPerPage").asInt()).isEqualTo(page.path("Resources").size());
        }

        assertThat(walked).containsExactly("Administrator", "Manager", "User", "Loanee");
    }

    @Test
    void cursorPagesWalkTheSameRoles() {
        JsonNode first = tenant.scim().get("/scim/v2/Roles?cursor=&count=3").body();
        JsonNode second = tenant.scim().get("/scim/v2/Roles?count=3&cursor=" + first.path("nextCursor").asText()).body();

        assertThat(first.path("Resources").findValuesAsText("id")).containsExactly("Administrator", "Manager", "User");
        assertThat(second.path("Resources").findValuesAsText("id")).containsExactly("Loanee");
        assertThat(second.has("nextCursor")).isFalse();
    }

    @Test
    void aRoleIsOktasRoleWithItsDescriptionAndWhetherItCanLogIn() {
        HttpCalls.Reply administrator = tenant.scim().get("/scim/v2/Roles/Administrator");
        JsonNode loanee = tenant.scim().get("/scim/v2/Roles/Loanee").body();

        assertThat(administrator.status()).isEqualTo(200);
        JsonNode role = administrator.body();
        assertThat(role.path("schemas").get(0).asText()).isEqualTo(ROLE_SCHEMA);
        assertThat(role.path("id").asText()).isEqualTo("Administrator");
        assertThat(role.path("displayName").asText()).isEqualTo("Administrator");
        assertThat(role.path("description").asText()).isNotBlank();
        assertThat(role.path("canLogin").asBoolean()).isTrue();
        assertThat(role.path("meta").path("resourceType").asText()).isEqualTo("Role");
        assertThat(role.path("meta").path("location").asText()).endsWith("/scim/v2/Roles/Administrator");
        assertThat(administrator.header("ETag")).isEqualTo(role.path("meta").path("version").asText());
        assertThat(loanee.path("canLogin").isBoolean()).isTrue();
        assertThat(loanee.path("canLogin").asBoolean()).isFalse();
    }

    @Test
    void aRoleWhoseNameHasASpaceIsFoundAtItsEncodedLocation() {
        tenant.admin().post("/api/admin/roles", "{\"name\":\"Asset Keeper\",\"precedence\":250}");

        JsonNode role = tenant.scim().get("/scim/v2/Roles/Asset%20Keeper").body();
        HttpCalls.Reply withdrawn = offer("Asset Keeper", false);

        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.body().path("name").asText()).isEqualTo("Asset Keeper");

        assertThat(role.path("id").asText()).isEqualTo("Asset Keeper");
        assertThat(role.path("meta").path("location").asText()).endsWith("/scim/v2/Roles/Asset%20Keeper");
    }

    @Test
    void displayNameFiltersCompareWithoutRegardToLetterCase() {
        assertThat(names("displayName eq \"manager\"")).containsExactly("Manager");
        assertThat(names("displayName sw \"ADMIN\"")).containsExactly("Administrator");
        assertThat(names("displayName co \"an\"")).containsExactly("Manager", "Loanee");
        assertThat(names("displayName ew \"er\"")).containsExactly("Manager", "User");
        assertThat(names("displayName ne \"User\" and canLogin eq true")).containsExactly("Administrator", "Manager");
        assertThat(names("displayName eq \"Nobody\"")).isEmpty();
    }

    @Test
    void aFilterOnAnAttributeRolesDoNotHaveIsInvalidFilter() {
        HttpCalls.Reply reply = tenant.scim().get("/scim/v2/Roles?filter=" + query("userName eq \"x\""));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("scimType").asText()).isEqualTo("invalidFilter");
    }

    @Test
    void everyWriteIsRefused405AndChangesNothing() {
        HttpCalls scim = tenant.scim();
        String before = scim.get("/scim/v2/Roles/Manager").body().toString();
        String role = "{\"schemas\":[\"" + ROLE_SCHEMA + "\"],\"displayName\":\"Owner\"}";
        String patch = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"displayName","value":"Boss"}]}""";

        List<HttpCalls.Reply> replies = List.of(scim.post("/scim/v2/Roles", role), scim.put("/scim/v2/Roles/Manager", role),
                scim.patch("/scim/v2/Roles/Manager", patch), scim.delete("/scim/v2/Roles/Manager"));

        for (HttpCalls.Reply reply : replies) {
            assertThat(reply.status()).isEqualTo(405);
            assertThat(reply.header("Allow")).isEqualTo("GET");
            assertThat(reply.body().path("detail").asText()).contains("read-only");
        }
        assertThat(scim.get("/scim/v2/Roles/Manager").body().toString()).isEqualTo(before);
        assertThat(scim.get("/scim/v2/Roles").body().path("totalResults").asLong()).isEqualTo(4);
    }

    @Test
    void aWriteToARoleThatDoesNotExistIs405NotANotFound() {
        HttpCalls scim = tenant.scim();
        String patch = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"displayName","value":"Boss"}]}""";

        List<HttpCalls.Reply> replies = List.of(scim.delete("/scim/v2/Roles/NoSuch"),
                scim.put("/scim/v2/Roles/NoSuch", "{\"displayName\":\"NoSuch\"}"), scim.patch("/scim/v2/Roles/NoSuch", patch));

        for (HttpCalls.Reply reply : replies) {
            assertThat(reply.status()).isEqualTo(405);
            assertThat(reply.header("Allow")).isEqualTo("GET");
        }
        HttpCalls.Reply bulk = scim.post("/scim/v2/Bulk", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                 {"method":"DELETE","path":"/Roles/NoSuch"}]}""");
        assertThat(bulk.body().path("Operations").get(0).path("status").asText()).isEqualTo("405");
    }

    @Test
    void aBulkWriteToRolesFailsItsOperationWith405() {
        HttpCalls.Reply reply = tenant.scim().post("/scim/v2/Bulk", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                 {"method":"POST","bulkId":"r","path":"/Roles","data":{"displayName":"Owner"}}]}""");

        assertThat(reply.body().path("Operations").get(0).path("status").asText()).isEqualTo("405");
        assertThat(names("displayName eq \"Owner\"")).isEmpty();
    }

    @Test
    void aTenantSeesOnlyItsOwnRoles() {
        Tenant other = new Tenants(port, "roles-other").create();
        other.admin().post("/api/admin/roles", "{\"name\":\"Auditor\",\"precedence\":350}");

        assertThat(names("displayName eq \"Auditor\"")).isEmpty();
        assertThat(tenant.scim().get("/scim/v2/Roles/Auditor").status()).isEqualTo(404);
        assertThat(other.scim().get("/scim/v2/Roles/Auditor").status()).isEqualTo(200);
        assertThat(tenant.scim().get("/scim/v2/Roles").body().path("totalResults").asLong()).isEqualTo(4);
    }

    @Test
    void aWithdrawnRoleIsNotListedNorFoundUntilOfferedAgain() {
        String etag = tenant.scim().get("/scim/v2/Roles/Loanee").header("ETag");

        assertThat(offer("Loanee", false).status()).isEqualTo(200);
        assertThat(tenant.scim().get("/scim/v2/Roles").body().path("Resources").findValuesAsText("id"))
                .containsExactly("Administrator", "Manager", "User");
        assertThat(tenant.scim().get("/scim/v2/Roles/Loanee").status()).isEqualTo(404);
        assertThat(names("displayName eq \"Loanee\"")).isEmpty();

        offer("Loanee", true);
        HttpCalls.Reply again = tenant.scim().get("/scim/v2/Roles/Loanee");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("ETag")).isNotEqualTo(etag);
    }

    @Test
    void aRoleCreatedWithdrawnIsNotListedAndOneCreatedPlainlyIs() {
        tenant.admin().post("/api/admin/roles", "{\"name\":\"Contractor\",\"precedence\":150,\"offered\":false}");
        tenant.admin().post("/api/admin/roles", "{\"name\":\"Auditor\",\"precedence\":350,\"description\":\"Reads reports.\"}");

        assertThat(names("displayName eq \"Contractor\"")).isEmpty();
        assertThat(tenant.scim().get("/scim/v2/Roles/Auditor").body().path("description").asText()).isEqualTo("Reads reports.");
    }

    @Test
    void theRootSearchFindsRolesToo() {
        HttpCalls.Reply reply = tenant.scim().post("/scim/v2/.search", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"displayName eq \\"Manager\\""}""");

        assertThat(reply.body().path("Resources").findValuesAsText("id")).containsExactly("Manager");
    }
}
