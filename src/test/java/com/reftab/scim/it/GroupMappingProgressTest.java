package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.assertScimError;
import static com.reftab.scim.it.GroupCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.it.GroupCalls.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Group Mappings screen shows whether a group's members hold the role the mappings give them
 * yet, and Sub Accounts when provisioning last changed each account.
 */
@ScimIntegrationTest
class GroupMappingProgressTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpCalls admin;
    GroupCalls groups;

    @BeforeEach
    void clients() {
        admin = new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN);
        groups = new GroupCalls(new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN));
    }

    private JsonNode mapping(String groupId) {
        HttpCalls.Reply reply = admin.get("/api/admin/group-mappings/" + groupId);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    private JsonNode mappingOnceFollowed(String groupId) {
        return await().atMost(EVENTUALLY).until(() -> mapping(groupId), m -> m.path("rolesFollowed").asBoolean());
    }

    private JsonNode account(User user) {
        return admin.get("/api/admin/accounts/" + user.id()).body();
    }

    @Test
    void aMappedGroupShowsItsMembersRolesFollowedOnceTheyHoldTheRole() {
        List<User> members = groups.users(2);
        String groupId = groups.groupWith(unique("Followed"), members);

        admin.put("/api/admin/group-mappings/" + groupId, "{\"role\":\"Manager\"}");

        JsonNode mapping = mappingOnceFollowed(groupId);
        assertThat(mapping.path("role").asText()).isEqualTo("Manager");
        assertThat(mapping.path("memberCount").asInt()).isEqualTo(2);
        assertThat(mapping.path("membersAwaitingRole").asInt()).isZero();
        assertThat(mapping.path("mappingChangedAt").isTextual()).isTrue();
        members.forEach(member -> assertThat(account(member).path("accessRole").asText()).isEqualTo("Manager"));
    }

    @Test
    void membersWhoseStoredRoleIsNotYetTheMappedOneAreCountedAsAwaitingIt() {
        List<User> members = groups.users(2);
        String groupId = groups.groupWith(unique("Awaiting"), members);
        admin.put("/api/admin/group-mappings/" + groupId, "{\"role\":\"Manager\"}");
        mappingOnceFollowed(groupId);

        // As if the role-mapping route had not yet applied the mapping to this member; put right
        // afterwards, as the route would, so the shared user store stays consistent for other tests.
        String stale = "update account_access set role = ? where tenant_id = 'default' and user_id = ?";
        jdbc.update(stale, "User", members.get(0).id());
        try {
            JsonNode mapping = mapping(groupId);

            assertThat(mapping.path("membersAwaitingRole").asInt()).isEqualTo(1);
            assertThat(mapping.path("rolesFollowed").asBoolean()).isFalse();
        } finally {
            jdbc.update(stale, "Manager", members.get(0).id());
        }
    }

    @Test
    void aMemberWithAHigherRoleFromAnotherGroupIsNotAwaitingTheLowerOne() {
        User member = groups.user();
        String administrators = groups.groupWith(unique("Higher"), List.of(member));
        String loanees = groups.groupWith(unique("Lower"), List.of(member));
        admin.put("/api/admin/group-mappings/" + administrators, "{\"role\":\"Administrator\"}");
        mappingOnceFollowed(administrators);

        admin.put("/api/admin/group-mappings/" + loanees, "{\"role\":\"Loanee\"}");

        assertThat(mappingOnceFollowed(loanees).path("membersAwaitingRole").asInt()).isZero();
        assertThat(account(member).path("accessRole").asText()).isEqualTo("Administrator");
    }

    @Test
    void theGroupMappingsListTellsForEachGroupWhetherRolesHaveFollowed() {
        String groupId = groups.groupWith(unique("Listed"), groups.users(1));
        admin.put("/api/admin/group-mappings/" + groupId, "{\"role\":\"Manager\"}");
        mappingOnceFollowed(groupId);

        JsonNode listed = null;
        for (JsonNode mapping : admin.get("/api/admin/group-mappings?count=500").body().path("groupMappings")) {
            if (mapping.path("groupId").asText().equals(groupId)) {
                listed = mapping;
            }
        }

        assertThat(listed).isNotNull();
        assertThat(listed.path("rolesFollowed").asBoolean()).isTrue();
        assertThat(listed.path("membersAwaitingRole").asInt()).isZero();
    }

    @Test
    void anUnknownGroupHasNoMapping() {
        assertScimError(admin.get("/api/admin/group-mappings/00000000-0000-0000-0000-000000000000"), 404, null);
    }

    @Test
    void anAccountTellsWhenProvisioningLastChangedItsRole() {
        User member = groups.user();
        Instant created = Instant.parse(await().atMost(EVENTUALLY).until(() -> account(member),
                a -> a.path("lastProvisionedAt").isTextual()).path("lastProvisionedAt").asText());
        String groupId = groups.groupWith(unique("Changed"), List.of(member));

        admin.put("/api/admin/group-mappings/" + groupId, "{\"role\":\"Manager\"}");

        JsonNode account = await().atMost(EVENTUALLY).until(() -> account(member),
                a -> a.path("accessRole").asText().equals("Manager"));
        Instant roleChanged = Instant.parse(account.path("roleChangedAt").asText());
        assertThat(roleChanged).isAfterOrEqualTo(created);
        assertThat(Instant.parse(account.path("lastProvisionedAt").asText())).isEqualTo(roleChanged);
    }
}
