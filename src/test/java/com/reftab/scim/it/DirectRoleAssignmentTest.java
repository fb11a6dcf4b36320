package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.assertScimError;
import static com.reftab.scim.it.GroupCalls.patchOp;
import static com.reftab.scim.it.GroupCalls.unique;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.it.GroupCalls.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Access roles the identity provider assigns directly, in every form Okta and Entra send them,
 * through the real in-process broker to the user store: each account's role and where it comes
 * from, after the events arrive.
 */
@ScimIntegrationTest
class DirectRoleAssignmentTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);
    private static final String ENTRA_ROLE_TYPE = "WindowsAzureActiveDirectoryRole";

    @LocalServerPort
    int port;

    HttpCalls scim;
    HttpCalls admin;
    GroupCalls groups;

    @BeforeEach
    void clients() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        admin = new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN);
        groups = new GroupCalls(scim);
    }

    /** The setting is the shared tenant's: every test leaves it as it found it (off). */
    @AfterEach
    void directRolesNotAuthoritative() {
        assertThat(admin.put("/api/admin/direct-roles", "{\"directRolesAuthoritative\":false}").status()).isEqualTo(200);
    }

    private static String userName() {
        return "direct-" + UUID.randomUUID().toString().substring(0, 13) + "@atko.com";
    }

    private JsonNode account(String userId, String role, String origin) {
        return await().atMost(EVENTUALLY).until(() -> admin.get("/api/admin/accounts/" + userId),
                reply -> reply.status() == 200 && reply.body().path("accessRole").asText().equals(role)
                        && reply.body().path("roleOrigin").asText().equals(origin)).body();
    }

    private static List<String> roleValues(JsonNode user) {
        List<String> values = new ArrayList<>();
        user.path("roles").forEach(role -> values.add(role.path("value").asText()));
        return values;
    }

    private static String withRoles(String user, String roles) {
        return user.trim().replaceFirst("}$", ",\"roles\":" + roles + "}");
    }

    // ---- Okta: entitlements

    @Test
    void oktasPutWithAnEntitlementGivesTheRoleAndAnImportReadsItBack() {
        String userName = userName();
        String id = scim.post("/scim/v2/Users", oktaUser(userName, "Ent", "Itled")).body().path("id").asText();

        HttpCalls.Reply put = scim.put("/scim/v2/Users/" + id,
                withRoles(oktaUser(userName, "Ent", "Itled"), "[{\"value\":\"Manager\",\"display\":\"Manager\"}]"));

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().path("roles").get(0).path("value").asText()).isEqualTo("Manager");
        assertThat(put.body().path("roles").get(0).path("display").asText()).isEqualTo("Manager");
        JsonNode imported = scim.get("/scim/v2/Users?filter=userName%20eq%20%22" + userName + "%22").body();
        assertThat(roleValues(imported.path("Resources").get(0))).containsExactly("Manager");
        JsonNode byRole = scim.get("/scim/v2/Users?filter=roles.value%20eq%20%22Manager%22%20and%20userName%20eq%20%22"
                + userName + "%22").body();
        assertThat(byRole.path("totalResults").asInt()).isEqualTo(1);
        account(id, "Manager", "direct");
    }

    @Test
    void oktasPutWithAnEmptyRolesListTakesTheRoleAway() {
        String userName = userName();
        String id = scim.post("/scim/v2/Users", withRoles(oktaUser(userName, "Ex", "Manager"),
                "[{\"value\":\"Manager\",\"display\":\"Manager\"}]")).body().path("id").asText();
        account(id, "Manager", "direct");

        HttpCalls.Reply put = scim.put("/scim/v2/Users/" + id, withRoles(oktaUser(userName, "Ex", "Manager"), "[]"));

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().has("roles")).isFalse();
        account(id, "User", "default");
    }

    @Test
    void aPutWithoutRolesKeepsTheDirectRoles() {
        // A profile push from an app instance without Governance must not wipe the governed roles.
        String userName = userName();
        String id = scim.post("/scim/v2/Users", withRoles(oktaUser(userName, "Pro", "File"),
                "[{\"value\":\"Manager\",\"display\":\"Manager\"}]")).body().path("id").asText();
        account(id, "Manager", "direct");

        HttpCalls.Reply put = scim.put("/scim/v2/Users/" + id, oktaUser(userName, "Pro", "Filed"));

        assertThat(put.status()).isEqualTo(200);
        assertThat(roleValues(put.body())).containsExactly("Manager");
        assertThat(roleValues(scim.get("/scim/v2/Users/" + id).body())).containsExactly("Manager");
    }

    // ---- a role the tenant withdraws from the identity provider

    @Test
    void withdrawingARoleTakesItFromItsHoldersAndOfferingItAgainGivesItBack() {
        String role = "Auditor" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin.post("/api/admin/roles", "{\"name\":\"" + role + "\",\"precedence\":350}").status()).isEqualTo(201);
        String id = scim.post("/scim/v2/Users", withRoles(oktaUser(userName(), "Wi", "Thdrawn"),
                "[{\"value\":\"" + role + "\"},{\"value\":\"Manager\"}]")).body().path("id").asText();
        account(id, role, "direct");

        assertThat(admin.put("/api/admin/roles/" + role + "/offered", "{\"offered\":false}").status()).isEqualTo(200);

        account(id, "Manager", "direct");
        assertThat(roleValues(scim.get("/scim/v2/Users/" + id).body())).containsExactly(role, "Manager");
        assertThat(admin.put("/api/admin/roles/" + role + "/offered", "{\"offered\":true}").status()).isEqualTo(200);
        account(id, role, "direct");
    }

    @Test
    void aHolderOfAWithdrawnRoleIsGivenAnotherByEntrasAddAndOktasPut() {
        String role = "Auditor" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(admin.post("/api/admin/roles", "{\"name\":\"" + role + "\",\"precedence\":350}").status()).isEqualTo(201);
        String userName = userName();
        String id = scim.post("/scim/v2/Users", withRoles(oktaUser(userName, "Wi", "Thdrawn"),
                "[{\"value\":\"" + role + "\"}]")).body().path("id").asText();
        assertThat(admin.put("/api/admin/roles/" + role + "/offered", "{\"offered\":false}").status()).isEqualTo(200);

        HttpCalls.Reply add = scim.patch("/scim/v2/Users/" + id,
                patchOp("{\"op\":\"Add\",\"path\":\"roles\",\"value\":[{\"value\":\"Loanee\"}]}"));
        assertThat(add.status()).isEqualTo(200);
        assertThat(roleValues(add.body())).containsExactly(role, "Loanee");
        HttpCalls.Reply put = scim.put("/scim/v2/Users/" + id, withRoles(oktaUser(userName, "Wi", "Thdrawn"),
                "[{\"value\":\"Manager\",\"display\":\"Manager\"},{\"value\":\"" + role + "\",\"display\":\"" + role + "\"}]"));

        assertThat(put.status()).isEqualTo(200);
        assertThat(roleValues(put.body())).containsExactly("Manager", role);
        account(id, "Manager", "direct");
    }

    // ---- Entra: SingleAppRoleAssignment, AppRoleAssignmentsComplex, AssertiveAppRoleAssignmentsComplex

    @Test
    void entrasPostWithASingleAppRoleByNameGivesTheRole() {
        HttpCalls.Reply created = scim.post("/scim/v2/Users", withRoles(oktaUser(userName(), "Single", "App"),
                "[{\"primary\":true,\"type\":\"" + ENTRA_ROLE_TYPE + "\",\"value\":\"administrator\"}]"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode role = created.body().path("roles").get(0);
        assertThat(role.path("value").asText()).isEqualTo("Administrator");
        assertThat(role.path("type").asText()).isEqualTo(ENTRA_ROLE_TYPE);
        assertThat(role.path("primary").asBoolean()).isTrue();
        account(created.body().path("id").asText(), "Administrator", "direct");
    }

    @Test
    void entrasPatchWithTheAppRoleEncodedAsAStringGivesTheRole() {
        String id = scim.post("/scim/v2/Users", oktaUser(userName(), "Encoded", "Role")).body().path("id").asText();
        String encoded = "{\\\"id\\\":\\\"06b07648-ecfe-589f-9d2f-6325724a46ee\\\",\\\"value\\\":\\\"25\\\","
                + "\\\"displayName\\\":\\\"Manager\\\"}";

        HttpCalls.Reply patched = scim.patch("/scim/v2/Users/" + id,
                patchOp("{\"op\":\"Add\",\"path\":\"roles\",\"value\":[{\"value\":\"" + encoded + "\"}]}"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(roleValues(patched.body())).containsExactly("Manager");
        account(id, "Manager", "direct");
    }

    @Test
    void entrasSingleRoleAddReplacesThePrimaryRoleSoADemotionTakesEffect() {
        String id = scim.post("/scim/v2/Users", withRoles(oktaUser(userName(), "De", "Moted"),
                "[{\"primary\":true,\"type\":\"" + ENTRA_ROLE_TYPE + "\",\"value\":\"Administrator\"}]")).body().path("id").asText();
        account(id, "Administrator", "direct");
        String encoded = "{\\\"id\\\":\\\"06b0\\\",\\\"value\\\":\\\"User\\\",\\\"displayName\\\":\\\"User\\\"}";

        HttpCalls.Reply patched = scim.patch("/scim/v2/Users/" + id,
                patchOp("{\"op\":\"Add\",\"path\":\"roles\",\"value\":[{\"value\":\"" + encoded + "\"}]}"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(roleValues(patched.body())).containsExactly("User");
        account(id, "User", "direct");
    }

    @Test
    void entrasAddOnlyPatchesAccumulateRolesAndTheHighestWins() {
        String id = scim.post("/scim/v2/Users", oktaUser(userName(), "Add", "Only")).body().path("id").asText();
        scim.patch("/scim/v2/Users/" + id, patchOp("{\"op\":\"Add\",\"path\":\"roles\",\"value\":"
                + "[{\"primary\":false,\"type\":\"" + ENTRA_ROLE_TYPE + "\",\"value\":\"Loanee\"}]}"));
        account(id, "Loanee", "direct");

        HttpCalls.Reply patched = scim.patch("/scim/v2/Users/" + id, patchOp("{\"op\":\"Add\",\"path\":\"roles\",\"value\":"
                + "[{\"primary\":false,\"type\":\"" + ENTRA_ROLE_TYPE + "\",\"value\":\"Manager\"},"
                + "{\"primary\":false,\"type\":\"" + ENTRA_ROLE_TYPE + "\",\"value\":\"Loanee\"}]}"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(roleValues(patched.body())).containsExactly("Loanee", "Manager");
        account(id, "Manager", "direct");
    }

    @Test
    void entrasAssertiveReplaceSetsTheWholeArray() {
        String id = scim.post("/scim/v2/Users", withRoles(oktaUser(userName(), "Assert", "Ive"),
                "[{\"value\":\"Administrator\"},{\"value\":\"Manager\"}]")).body().path("id").asText();
        account(id, "Administrator", "direct");

        HttpCalls.Reply patched = scim.patch("/scim/v2/Users/" + id, patchOp("{\"op\":\"replace\",\"path\":\"roles\",\"value\":"
                + "[{\"primary\":false,\"type\":\"" + ENTRA_ROLE_TYPE + "\",\"value\":\"Loanee\"}]}"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(roleValues(patched.body())).containsExactly("Loanee");
        account(id, "Loanee", "direct");
    }

    @Test
    void aRoleRemovedByAValueFilterLeavesTheOthers() {
        String id = scim.post("/scim/v2/Users", withRoles(oktaUser(userName(), "Re", "Moved"),
                "[{\"value\":\"Administrator\"},{\"value\":\"Manager\"}]")).body().path("id").asText();
        account(id, "Administrator", "direct");

        HttpCalls.Reply patched = scim.patch("/scim/v2/Users/" + id,
                patchOp("{\"op\":\"remove\",\"path\":\"roles[value eq \\\"Administrator\\\"]\"}"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(roleValues(patched.body())).containsExactly("Manager");
        account(id, "Manager", "direct");
    }

    @Test
    void aRemoveCarryingEntrasEncodedAppRoleRemovesIt() {
        String id = scim.post("/scim/v2/Users", withRoles(oktaUser(userName(), "En", "Removed"),
                "[{\"value\":\"Administrator\"},{\"value\":\"Manager\"}]")).body().path("id").asText();
        account(id, "Administrator", "direct");
        String encoded = "{\\\"id\\\":\\\"06b1\\\",\\\"value\\\":\\\"Administrator\\\",\\\"displayName\\\":\\\"Administrator\\\"}";

        HttpCalls.Reply patched = scim.patch("/scim/v2/Users/" + id,
                patchOp("{\"op\":\"Remove\",\"path\":\"roles\",\"value\":[{\"value\":\"" + encoded + "\"}]}"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(roleValues(patched.body())).containsExactly("Manager");
        account(id, "Manager", "direct");
    }

    // ---- refusals

    @Test
    void anUnknownRoleIsRefusedNamingItAndChangesNothing() {
        String userName = userName();
        HttpCalls.Reply created = scim.post("/scim/v2/Users", withRoles(oktaUser(userName, "Un", "Known"),
                "[{\"value\":\"Manager\"}]"));
        String id = created.body().path("id").asText();
        account(id, "Manager", "direct");

        HttpCalls.Reply put = scim.put("/scim/v2/Users/" + id, withRoles(oktaUser(userName, "Un", "Known"),
                "[{\"value\":\"Manager\"},{\"value\":\"Janitor\"}]"));
        HttpCalls.Reply patch = scim.patch("/scim/v2/Users/" + id,
                patchOp("{\"op\":\"Add\",\"path\":\"roles\",\"value\":[{\"value\":\"Janitor\"}]}"));
        HttpCalls.Reply post = scim.post("/scim/v2/Users", withRoles(oktaUser(userName(), "Un", "Known"),
                "[{\"value\":\"Janitor\"}]"));

        for (HttpCalls.Reply refused : List.of(put, patch, post)) {
            assertScimError(refused, 400, "invalidValue");
            assertThat(refused.body().path("detail").asText()).contains("'Janitor'");
        }
        JsonNode after = scim.get("/scim/v2/Users/" + id).body();
        assertThat(after.path("meta").path("version").asText()).isEqualTo(created.body().path("meta").path("version").asText());
        assertThat(roleValues(after)).containsExactly("Manager");
    }

    // ---- the rule with mapped groups, and the authoritative setting

    @Test
    void aDirectRoleAndAMappedGroupAtOnceGiveTheHigherAndTheSettingMakesTheDirectOneWin() {
        User user = groups.user(userName());
        String groupName = unique("Direct Leads");
        String groupId = groups.groupWith(groupName, List.of(user));
        assertThat(admin.put("/api/admin/group-mappings/" + groupId, "{\"role\":\"Manager\"}").status()).isEqualTo(200);
        account(user.id(), "Manager", "group");
        scim.patch("/scim/v2/Users/" + user.id(),
                patchOp("{\"op\":\"Add\",\"path\":\"roles\",\"value\":[{\"value\":\"User\"}]}"));

        JsonNode fromGroup = account(user.id(), "Manager", "group");
        assertThat(fromGroup.path("roleOriginGroup").path("id").asText()).isEqualTo(groupId);
        assertThat(fromGroup.path("roleOriginGroup").path("displayName").asText()).isEqualTo(groupName);
        JsonNode members = admin.get("/api/admin/accounts?group=" + groupId).body();
        assertThat(members.path("accounts")).extracting(member -> member.path("id").asText()).containsExactly(user.id());

        HttpCalls.Reply set = admin.put("/api/admin/direct-roles", "{\"directRolesAuthoritative\":true}");

        assertThat(set.status()).isEqualTo(200);
        assertThat(admin.get("/api/admin/direct-roles").body().path("directRolesAuthoritative").asBoolean()).isTrue();
        account(user.id(), "User", "direct");

        admin.put("/api/admin/direct-roles", "{\"directRolesAuthoritative\":false}");

        account(user.id(), "Manager", "group");
    }

    @Test
    void aDirectRoleAboveTheGroupsRoleWins() {
        User user = groups.user(userName());
        String groupId = groups.groupWith(unique("Direct Staff"), List.of(user));
        admin.put("/api/admin/group-mappings/" + groupId, "{\"role\":\"Manager\"}");
        account(user.id(), "Manager", "group");

        scim.patch("/scim/v2/Users/" + user.id(),
                patchOp("{\"op\":\"Add\",\"path\":\"roles\",\"value\":[{\"value\":\"Administrator\"}]}"));

        JsonNode account = account(user.id(), "Administrator", "direct");
        assertThat(account.path("roleOriginGroup").isNull()).isTrue();
        // The group's progress follows the whole rule: its member holds the role due, from elsewhere.
        await().atMost(EVENTUALLY).until(() -> admin.get("/api/admin/group-mappings/" + groupId).body(),
                mapping -> mapping.path("rolesFollowed").asBoolean());
    }

    @Test
    void aRoleTheTenantDoesNotOfferToItsIdentityProviderIsRefused() {
        assertThat(admin.put("/api/admin/roles/Loanee/offered", "{\"offered\":false}").status()).isEqualTo(200);
        try {
            HttpCalls.Reply refused = scim.post("/scim/v2/Users", withRoles(oktaUser(userName(), "Not", "Offered"),
                    "[{\"value\":\"Loanee\"}]"));

            assertScimError(refused, 400, "invalidValue");
            assertThat(refused.body().path("detail").asText()).contains("'Loanee'");
        } finally {
            assertThat(admin.put("/api/admin/roles/Loanee/offered", "{\"offered\":true}").status()).isEqualTo(200);
        }
    }

    @Test
    void theSettingTakesOnlyTrueOrFalse() {
        assertScimError(admin.put("/api/admin/direct-roles", "{\"directRolesAuthoritative\":\"yes\"}"), 400, "invalidValue");
        assertThat(admin.get("/api/admin/direct-roles").body().path("directRolesAuthoritative").asBoolean()).isFalse();
    }

    @Test
    void aPersonWithoutRolesOrGroupsHasTheDefaultFromTheDefault() {
        ObjectNode created = (ObjectNode) scim.post("/scim/v2/Users", oktaUser(userName(), "No", "Roles")).body();

        JsonNode account = account(created.path("id").asText(), "User", "default");
        assertThat(account.path("roleOriginGroup").isNull()).isTrue();
    }
}
