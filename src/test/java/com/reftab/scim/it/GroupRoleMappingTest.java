package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.add;
import static com.reftab.scim.it.GroupCalls.assertScimError;
import static com.reftab.scim.it.GroupCalls.remove;
import static com.reftab.scim.it.GroupCalls.unique;
import static com.reftab.scim.it.HttpCalls.activePatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.it.GroupCalls.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Reftab's "Group Mappings": a pushed group grants its members an access role, worked out by the role-mapping route. */
@ScimIntegrationTest
class GroupRoleMappingTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(15);

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

    private HttpCalls.Reply map(String groupId, String role) {
        return admin.put("/api/admin/group-mappings/" + groupId, "{\"role\":\"" + role + "\"}");
    }

    private JsonNode accountWithRole(User user, String role) {
        return await().atMost(EVENTUALLY).until(() -> admin.get("/api/admin/accounts/" + user.id()),
                reply -> reply.status() == 200 && reply.body().path("accessRole").asText().equals(role)).body();
    }

    private JsonNode mappingOf(String groupId) {
        for (JsonNode mapping : admin.get("/api/admin/group-mappings").body().path("groupMappings")) {
            if (mapping.path("groupId").asText().equals(groupId)) {
                return mapping;
            }
        }
        throw new AssertionError("group " + groupId + " is not listed in /api/admin/group-mappings");
    }

    private static JsonNode role(JsonNode roles, String name) {
        for (JsonNode role : roles.path("roles")) {
            if (role.path("name").asText().equals(name)) {
                return role;
            }
        }
        throw new AssertionError("no role " + name + " in " + roles);
    }

    @Test
    void theSeededRolesAreListedWithUserAsTheDefault() {
        HttpCalls.Reply reply = admin.get("/api/admin/roles");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode roles = reply.body();
        assertThat(roles.path("defaultRole").asText()).isEqualTo("User");
        assertThat(role(roles, "Administrator").path("precedence").asInt()).isEqualTo(400);
        assertThat(role(roles, "Manager").path("precedence").asInt()).isEqualTo(300);
        assertThat(role(roles, "User").path("precedence").asInt()).isEqualTo(200);
        assertThat(role(roles, "User").path("default").asBoolean()).isTrue();
        assertThat(role(roles, "Manager").path("default").asBoolean()).isFalse();
        assertThat(role(roles, "Loanee").path("precedence").asInt()).isEqualTo(100);
        assertThat(role(roles, "Loanee").path("canLogin").asBoolean()).isFalse();
        assertThat(role(roles, "Administrator").path("canLogin").asBoolean()).isTrue();
    }

    @Test
    void mappingAGroupGivesItsMembersTheRole() {
        User user = groups.user();
        String groupId = groups.groupWith(unique("Managers"), List.of(user));

        HttpCalls.Reply reply = map(groupId, "Manager");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("groupId").asText()).isEqualTo(groupId);
        assertThat(reply.body().path("role").asText()).isEqualTo("Manager");
        JsonNode account = accountWithRole(user, "Manager");
        assertThat(account.path("canLogin").asBoolean()).isTrue();
    }

    @Test
    void aMemberOfGroupsMappedToSeveralRolesGetsTheHighestPrecedence() {
        List<User> users = groups.users(2);
        User inBoth = users.get(0);
        User managerOnly = users.get(1);
        String administrators = groups.groupWith(unique("Admins"), List.of(inBoth));
        String managers = groups.groupWith(unique("Leads"), users);

        map(administrators, "Administrator");
        map(managers, "Manager");

        accountWithRole(managerOnly, "Manager");
        accountWithRole(inBoth, "Administrator");
    }

    @Test
    void changingTheMappingMovesTheMembersRole() {
        User user = groups.user();
        String groupId = groups.groupWith(unique("Changing"), List.of(user));
        map(groupId, "Manager");
        accountWithRole(user, "Manager");

        map(groupId, "Administrator");

        accountWithRole(user, "Administrator");
        assertThat(mappingOf(groupId).path("role").asText()).isEqualTo("Administrator");
    }

    @Test
    void removingTheMappingReturnsMembersToTheDefaultRole() {
        User user = groups.user();
        String groupId = groups.groupWith(unique("Unmapped"), List.of(user));
        map(groupId, "Manager");
        accountWithRole(user, "Manager");

        HttpCalls.Reply reply = admin.delete("/api/admin/group-mappings/" + groupId);

        assertThat(reply.status()).isEqualTo(204);
        accountWithRole(user, "User");
        assertThat(mappingOf(groupId).path("role").isNull()).isTrue();
    }

    @Test
    void deletingAMappedGroupReturnsItsMembersToTheDefaultRole() {
        User user = groups.user();
        String groupId = groups.groupWith(unique("Disbanded"), List.of(user));
        map(groupId, "Manager");
        accountWithRole(user, "Manager");

        scim.delete("/scim/v2/Groups/" + groupId);

        accountWithRole(user, "User");
    }

    @Test
    void aPushedGroupIsNeverAnAccountInTheUserStore() {
        String groupId = groups.groupWith(unique("Not People"), groups.users(1));
        map(groupId, "Manager");
        User later = groups.user();
        accountWithRole(later, "User");

        assertScimError(admin.get("/api/admin/accounts/" + groupId), 404, null);
    }

    @Test
    void aMemberRemovedFromAMappedGroupReturnsToTheDefaultWhileOthersKeepTheRole() {
        List<User> users = groups.users(2);
        String groupId = groups.groupWith(unique("Shrinking"), users);
        map(groupId, "Manager");
        accountWithRole(users.get(0), "Manager");
        accountWithRole(users.get(1), "Manager");

        groups.patch(groupId, remove(users.get(0)));

        accountWithRole(users.get(0), "User");
        assertThat(admin.get("/api/admin/accounts/" + users.get(1).id()).body().path("accessRole").asText())
                .isEqualTo("Manager");
    }

    @Test
    void aUserAddedToAMappedGroupGetsTheRole() {
        String groupId = groups.group(unique("Growing"));
        map(groupId, "Manager");
        User user = groups.user();

        groups.patch(groupId, add(List.of(user)));

        accountWithRole(user, "Manager");
    }

    @Test
    void aDeactivatedMemberIsDisabledAndCannotLogInButKeepsTheRole() {
        User user = groups.user();
        String groupId = groups.groupWith(unique("Deactivated"), List.of(user));
        map(groupId, "Manager");
        accountWithRole(user, "Manager");

        scim.patch("/scim/v2/Users/" + user.id(), activePatch(false));

        JsonNode account = await().atMost(EVENTUALLY).until(() -> admin.get("/api/admin/accounts/" + user.id()).body(),
                body -> body.path("status").asText().equals("disabled"));
        assertThat(account.path("canLogin").asBoolean()).isFalse();
        assertThat(account.path("accessRole").asText()).isEqualTo("Manager");
    }

    @Test
    void anActiveMemberOfALoaneeGroupCannotLogIn() {
        User user = groups.user();
        String groupId = groups.groupWith(unique("Loanees"), List.of(user));

        map(groupId, "Loanee");

        JsonNode account = accountWithRole(user, "Loanee");
        assertThat(account.path("status").asText()).isEqualTo("active");
        assertThat(account.path("canLogin").asBoolean()).isFalse();
    }

    @Test
    void accountsCanBeListedByRole() {
        String tag = "by-role-" + UUID.randomUUID().toString().substring(0, 8);
        User manager = groups.user(tag + "-a@atko.com");
        User other = groups.user(tag + "-b@atko.com");
        map(groups.groupWith(unique("Filtered"), List.of(manager)), "Manager");
        accountWithRole(manager, "Manager");
        accountWithRole(other, "User");

        JsonNode managers = admin.get("/api/admin/accounts?role=Manager&q=" + tag).body();
        JsonNode users = admin.get("/api/admin/accounts?role=User&q=" + tag).body();

        assertThat(managers.path("totalResults").asInt()).isEqualTo(1);
        assertThat(managers.path("accounts").get(0).path("id").asText()).isEqualTo(manager.id());
        assertThat(users.path("totalResults").asInt()).isEqualTo(1);
        assertThat(users.path("accounts").get(0).path("id").asText()).isEqualTo(other.id());
    }

    @Test
    void groupMappingsListEachPushedGroupWithItsMemberCountAndRole() {
        String name = unique("Listed");
        String unmapped = groups.groupWith(name, groups.users(2));
        String mapped = groups.group(unique("Listed Mapped"));
        map(mapped, "Manager");

        JsonNode unmappedEntry = mappingOf(unmapped);
        JsonNode mappedEntry = mappingOf(mapped);

        assertThat(unmappedEntry.path("displayName").asText()).isEqualTo(name);
        assertThat(unmappedEntry.path("memberCount").asInt()).isEqualTo(2);
        assertThat(unmappedEntry.has("role")).isTrue();
        assertThat(unmappedEntry.path("role").isNull()).isTrue();
        assertThat(mappedEntry.path("role").asText()).isEqualTo("Manager");
        assertThat(mappedEntry.path("memberCount").asInt()).isZero();
    }

    @Test
    void mappingToAnUnknownRoleIsInvalidValueAndMapsNothing() {
        String groupId = groups.group(unique("Unknown Role"));

        assertScimError(map(groupId, "Janitor"), 400, "invalidValue");

        assertThat(mappingOf(groupId).path("role").isNull()).isTrue();
    }

    @Test
    void mappingAnUnknownGroupIs404() {
        assertScimError(map(UUID.randomUUID().toString(), "Manager"), 404, null);
    }

    @Test
    void aCreatedRoleCanBeUsedInAMappingAtItsPrecedence() {
        String auditor = unique("Auditor");
        User user = groups.user();
        map(groups.groupWith(unique("Audit"), List.of(user)), "Manager");
        accountWithRole(user, "Manager");

        HttpCalls.Reply created = admin.post("/api/admin/roles",
                "{\"name\":\"" + auditor + "\",\"precedence\":350,\"canLogin\":true}");
        HttpCalls.Reply mapped = map(groups.groupWith(unique("Auditors"), List.of(user)), auditor);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("name").asText()).isEqualTo(auditor);
        assertThat(created.body().path("precedence").asInt()).isEqualTo(350);
        assertThat(mapped.status()).isEqualTo(200);
        assertThat(role(admin.get("/api/admin/roles").body(), auditor).path("canLogin").asBoolean()).isTrue();
        accountWithRole(user, auditor);
    }

    @Test
    void aRoleNameThatExistsIsAConflict() {
        String name = unique("Duplicate");
        admin.post("/api/admin/roles", "{\"name\":\"" + name + "\",\"precedence\":150,\"canLogin\":true}");

        assertScimError(admin.post("/api/admin/roles", "{\"name\":\"" + name + "\",\"precedence\":160}"), 409, "uniqueness");
        assertScimError(admin.post("/api/admin/roles", "{\"name\":\"Manager\",\"precedence\":300}"), 409, "uniqueness");
    }
}
