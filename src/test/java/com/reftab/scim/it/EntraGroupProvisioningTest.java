package com.reftab.scim.it;

import static com.reftab.scim.it.EntraCalls.op;
import static com.reftab.scim.it.EntraCalls.quoted;
import static com.reftab.scim.it.EntraCalls.uniqueUserName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Microsoft's gallery validation of group provisioning (Create_Group, Update_Group,
 * Group_Update_Add_Member, Group_Update_Remove_Member, Delete_Group, POD_Group), as Entra's
 * provisioning engine sends it: a lookup without members, a create with no members, then PATCHes.
 */
@ScimIntegrationTest
class EntraGroupProvisioningTest {

    private static final Duration ON_DEMAND = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    EntraCalls entra;
    HttpCalls admin;

    @BeforeEach
    void clients() {
        entra = EntraCalls.withClientSecret(port, ScimIntegrationTest.ADMIN_TOKEN);
        admin = new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN);
    }

    private static String name(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String member(String id) {
        return "[{\"value\":" + quoted(id) + "}]";
    }

    private List<String> members(String groupId) {
        HttpCalls.Reply group = entra.get("/Groups/" + groupId);
        assertThat(group.status()).isEqualTo(200);
        return List.copyOf(GroupCalls.ids(group.body().path("members")));
    }

    @Test
    void createAfterALookupThatFindsNothingAnswersTheGroupAndTheNextLookupFindsIt() {
        String displayName = name("Entra Sales");
        assertThat(entra.findGroup(displayName).body().path("totalResults").asInt()).isZero();

        HttpCalls.Reply created = entra.post("/Groups", EntraCalls.group(displayName));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("displayName").asText()).isEqualTo(displayName);
        HttpCalls.Reply found = entra.findGroup(displayName);
        assertThat(found.body().path("totalResults").asInt()).isEqualTo(1);
        assertThat(found.body().path("Resources").get(0).path("id").asText()).isEqualTo(created.body().path("id").asText());
        assertThat(found.body().path("Resources").get(0).has("members")).isFalse();
    }

    @Test
    void updateReplacesTheDisplayName() {
        String id = entra.provisionGroup(name("Entra Old"));
        String renamed = name("Entra New");

        HttpCalls.Reply reply = entra.patch("/Groups/" + id, op("Replace", "displayName", quoted(renamed)));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(entra.get("/Groups/" + id + "?excludedAttributes=members").body().path("displayName").asText()).isEqualTo(renamed);
        assertThat(entra.findGroup(renamed).body().path("totalResults").asInt()).isEqualTo(1);
    }

    @Test
    void addMemberAddsTheUserAndKeepsTheOthers() {
        String first = entra.provisionUser(uniqueUserName(), "Ann", "One");
        String second = entra.provisionUser(uniqueUserName(), "Ben", "Two");
        String id = entra.provisionGroup(name("Entra Add"));
        entra.patch("/Groups/" + id, op("Add", "members", member(first)));

        HttpCalls.Reply reply = entra.patch("/Groups/" + id, op("Add", "members", member(second)));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(members(id)).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void removeMemberRemovesOnlyThatUser() {
        String first = entra.provisionUser(uniqueUserName(), "Cid", "Three");
        String second = entra.provisionUser(uniqueUserName(), "Dee", "Four");
        String id = entra.provisionGroup(name("Entra Remove"));
        entra.patch("/Groups/" + id, op("Add", "members", "[{\"value\":" + quoted(first) + "},{\"value\":" + quoted(second) + "}]"));

        HttpCalls.Reply reply = entra.patch("/Groups/" + id, op("Remove", "members", member(first)));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(members(id)).containsExactly(second);
    }

    @Test
    void deleteAnswers204AndTheGroupIsGone() {
        String displayName = name("Entra Gone");
        String id = entra.provisionGroup(displayName);

        HttpCalls.Reply reply = entra.delete("/Groups/" + id);

        assertThat(reply.status()).isEqualTo(204);
        assertThat(entra.get("/Groups/" + id).status()).isEqualTo(404);
        assertThat(entra.findGroup(displayName).body().path("totalResults").asInt()).isZero();
    }

    @Test
    void provisionOnDemandOfAGroupWithFiveMembersReachesTheUserStoreWithinSeconds() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(entra.provisionUser(uniqueUserName(), "Member", "No" + i));
        }
        String id = entra.provisionGroup(name("Entra On Demand"));
        String value = users.stream().map(u -> "{\"value\":" + quoted(u) + "}").collect(Collectors.joining(",", "[", "]"));

        HttpCalls.Reply reply = entra.patch("/Groups/" + id, op("Add", "members", value));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(members(id)).containsExactlyInAnyOrderElementsOf(users);
        for (String user : users) {
            await().atMost(ON_DEMAND).until(() -> admin.get("/api/admin/accounts/" + user).body(),
                    (JsonNode account) -> account.path("groups").findValuesAsText("id").contains(id));
        }
    }
}
