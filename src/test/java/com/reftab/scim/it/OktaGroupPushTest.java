package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.add;
import static com.reftab.scim.it.GroupCalls.filterEq;
import static com.reftab.scim.it.GroupCalls.ids;
import static com.reftab.scim.it.GroupCalls.patchOp;
import static com.reftab.scim.it.GroupCalls.remove;
import static com.reftab.scim.it.GroupCalls.replaceAll;
import static com.reftab.scim.it.GroupCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.it.GroupCalls.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Okta's Push Groups, call by call as Okta sends them. */
@ScimIntegrationTest
class OktaGroupPushTest {

    @LocalServerPort
    int port;

    HttpCalls scim;
    GroupCalls groups;

    @BeforeEach
    void clients() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        groups = new GroupCalls(scim);
    }

    @Test
    void lookupOfAGroupNameNotYetPushedIsAnEmptyList() {
        HttpCalls.Reply reply = scim.get("/scim/v2/Groups?" + filterEq("displayName", unique("Never Pushed")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/scim+json");
        assertThat(reply.body().path("totalResults").asInt()).isZero();
        assertThat(reply.body().path("Resources")).isEmpty();
    }

    @Test
    void createAnswers201WithTheGroupItsIdAndLocation() {
        String name = unique("Engineering");

        HttpCalls.Reply created = scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":[]}
                """.formatted(name));

        assertThat(created.status()).isEqualTo(201);
        JsonNode group = created.body();
        String id = group.path("id").asText();
        assertThat(id).isNotBlank();
        assertThat(created.header("Location")).endsWith("/scim/v2/Groups/" + id);
        assertThat(group.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:Group");
        assertThat(group.path("displayName").asText()).isEqualTo(name);
        assertThat(group.path("meta").path("resourceType").asText()).isEqualTo("Group");
        assertThat(group.path("meta").path("location").asText()).isEqualTo(created.header("Location"));
        assertThat(group.path("meta").path("version").asText()).isEqualTo("W/\"1\"");
        assertThat(scim.get("/scim/v2/Groups/" + id).body().path("displayName").asText()).isEqualTo(name);
    }

    @Test
    void oktasReconcilePatchWithTheGroupIdInTheValueChangesNothing() {
        String name = unique("Reconciled");
        String id = groups.group(name);

        HttpCalls.Reply reply = groups.patch(id,
                "{\"op\":\"replace\",\"value\":{\"id\":\"" + id + "\",\"displayName\":\"" + name + "\"}}");

        assertThat(reply.status()).isEqualTo(204);
        JsonNode group = scim.get("/scim/v2/Groups/" + id).body();
        assertThat(group.path("displayName").asText()).isEqualTo(name);
        assertThat(group.path("id").asText()).isEqualTo(id);
        assertThat(group.path("meta").path("version").asText()).isEqualTo("W/\"1\"");
    }

    @Test
    void lookupByDisplayNameIgnoresLetterCase() {
        String name = unique("Sales Team");
        String id = groups.group(name);

        HttpCalls.Reply reply = scim.get("/scim/v2/Groups?" + filterEq("displayName", name.toUpperCase()));

        assertThat(reply.body().path("totalResults").asInt()).isEqualTo(1);
        assertThat(reply.body().path("Resources").get(0).path("id").asText()).isEqualTo(id);
    }

    @Test
    void aPushOf256MembersInOnePatchAddsEveryOne() {
        List<User> users = groups.users(256);
        String id = groups.group(unique("Everyone"));

        HttpCalls.Reply reply = groups.patch(id, add(users));

        assertThat(reply.status()).isEqualTo(204);
        JsonNode group = scim.get("/scim/v2/Groups/" + id).body();
        assertThat(group.path("members")).hasSize(256);
        assertThat(ids(group.path("members"))).isEqualTo(ids(users));
    }

    @Test
    void removesFollowedByOneAddInOneRequestLeaveExactlyTheNewMembership() {
        List<User> users = groups.users(5);
        String id = groups.groupWith(unique("Support"), users.subList(0, 3));

        HttpCalls.Reply reply = groups.patch(id, remove(users.get(0)), remove(users.get(1)), add(users.subList(3, 5)));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(groups.memberIds(id)).containsExactlyInAnyOrder(users.get(2).id(), users.get(3).id(), users.get(4).id());
    }

    @Test
    void aFullPushReplacesTheMembershipWithExactlyTheSetSent() {
        List<User> users = groups.users(4);
        String id = groups.groupWith(unique("Finance"), users.subList(0, 2));

        HttpCalls.Reply reply = groups.patch(id, replaceAll(users.subList(1, 4)));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(groups.memberIds(id)).containsExactlyInAnyOrderElementsOf(ids(users.subList(1, 4)));
    }

    @Test
    void aPathlessReplaceRenamesTheGroupAndMovesItsVersion() {
        String id = groups.group(unique("Old Name"));
        String newName = unique("New Name");

        HttpCalls.Reply reply = groups.patch(id,
                "{\"op\":\"replace\",\"value\":{\"id\":\"" + id + "\",\"displayName\":\"" + newName + "\"}}");

        assertThat(reply.status()).isEqualTo(204);
        JsonNode group = scim.get("/scim/v2/Groups/" + id).body();
        assertThat(group.path("displayName").asText()).isEqualTo(newName);
        assertThat(group.path("meta").path("version").asText()).isEqualTo("W/\"2\"");
        assertThat(reply.header("ETag")).isEqualTo("W/\"2\"");
    }

    @Test
    void creatingADisplayNameThatExistsInAnyLetterCaseIsAConflict() {
        String name = unique("Marketing");
        groups.group(name);

        HttpCalls.Reply again = scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":[]}
                """.formatted(name.toLowerCase()));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("scimType").asText()).isEqualTo("uniqueness");
        assertThat(again.body().path("status").asText()).isEqualTo("409");
        assertThat(scim.get("/scim/v2/Groups?" + filterEq("displayName", name)).body().path("totalResults").asInt())
                .isEqualTo(1);
    }

    @Test
    void renamingToADisplayNameAnotherGroupHasIsAConflict() {
        String taken = unique("Taken");
        groups.group(taken);
        String name = unique("Free");
        String id = groups.group(name);

        HttpCalls.Reply reply = groups.patch(id, "{\"op\":\"replace\",\"value\":{\"displayName\":\"" + taken.toUpperCase() + "\"}}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body().path("scimType").asText()).isEqualTo("uniqueness");
        assertThat(scim.get("/scim/v2/Groups/" + id).body().path("displayName").asText()).isEqualTo(name);
    }

    @Test
    void deleteAnswers204AndTheGroupIsGone() {
        String id = groups.groupWith(unique("Unlinked"), groups.users(1));

        HttpCalls.Reply deleted = scim.delete("/scim/v2/Groups/" + id);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(scim.get("/scim/v2/Groups/" + id).status()).isEqualTo(404);
        assertThat(scim.delete("/scim/v2/Groups/" + id).status()).isEqualTo(404);
    }

    @Test
    void excludedAttributesMembersLeavesTheMembersOut() {
        String name = unique("Excluded");
        groups.groupWith(name, groups.users(2));

        JsonNode withMembers = scim.get("/scim/v2/Groups?" + filterEq("displayName", name)).body();
        JsonNode without = scim.get("/scim/v2/Groups?excludedAttributes=members&" + filterEq("displayName", name)).body();

        assertThat(withMembers.path("Resources").get(0).path("members")).hasSize(2);
        assertThat(without.path("totalResults").asInt()).isEqualTo(1);
        assertThat(without.path("Resources").get(0).has("members")).isFalse();
        assertThat(without.path("Resources").get(0).path("displayName").asText()).isEqualTo(name);
        assertThat(scim.get("/scim/v2/Groups?excludedAttributes=members").body().path("Resources"))
                .isNotEmpty().allSatisfy(group -> assertThat(group.has("members")).isFalse());
    }

    @Test
    void attributesDisplayNameAnswersOnlyTheIdSchemasAndDisplayName() {
        String name = unique("Selected");
        String id = groups.groupWith(name, groups.users(1));

        JsonNode page = scim.get("/scim/v2/Groups?attributes=displayName&" + filterEq("displayName", name)).body();

        JsonNode group = page.path("Resources").get(0);
        assertThat(group.path("id").asText()).isEqualTo(id);
        assertThat(group.path("displayName").asText()).isEqualTo(name);
        assertThat(group.fieldNames()).toIterable().containsExactlyInAnyOrder("schemas", "id", "displayName");
    }

    @Test
    void aPatchAskingForAttributesAnswers200WithTheGroup() {
        List<User> users = groups.users(2);
        String id = groups.group(unique("Answered"));

        HttpCalls.Reply reply = scim.patch("/scim/v2/Groups/" + id + "?attributes=members", patchOp(add(users)));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("id").asText()).isEqualTo(id);
        assertThat(ids(reply.body().path("members"))).containsExactlyInAnyOrderElementsOf(ids(users));
    }

    @Test
    void aMembersGroupsAttributeListsTheGroup() {
        User user = groups.user();
        String name = unique("Listed");
        String id = groups.groupWith(name, List.of(user));

        JsonNode memberships = scim.get("/scim/v2/Users/" + user.id()).body().path("groups");

        assertThat(memberships).hasSize(1);
        assertThat(memberships.get(0).path("value").asText()).isEqualTo(id);
        assertThat(memberships.get(0).path("display").asText()).isEqualTo(name);
    }

    @Test
    void putWithTheCompleteMembersListSetsExactlyThatMembershipLikeIntegrationWizardApps() {
        List<User> users = groups.users(3);
        String name = unique("Wizard");
        String id = groups.groupWith(name, users.subList(0, 2));

        HttpCalls.Reply put = scim.put("/scim/v2/Groups/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"%s","displayName":"%s","members":%s}
                """.formatted(id, name, GroupCalls.members(users.subList(1, 3))));

        assertThat(put.status()).isEqualTo(200);
        assertThat(ids(put.body().path("members"))).containsExactlyInAnyOrderElementsOf(ids(users.subList(1, 3)));
        assertThat(groups.memberIds(id)).containsExactlyInAnyOrderElementsOf(ids(users.subList(1, 3)));
    }
}
