package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.filterEq;
import static com.reftab.scim.it.GroupCalls.ids;
import static com.reftab.scim.it.GroupCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.it.GroupCalls.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Microsoft Entra ID's group calls, in the forms its provisioning service and SCIM Validator send. */
@ScimIntegrationTest
class EntraGroupOperationsTest {

    @LocalServerPort
    int port;

    HttpCalls scim;
    GroupCalls groups;

    @BeforeEach
    void clients() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        groups = new GroupCalls(scim);
    }

    private static String entraAdd(User user) {
        return "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + user.id() + "\"}]}";
    }

    private static String entraRemove(List<User> users) {
        StringBuilder values = new StringBuilder();
        for (User user : users) {
            values.append(values.length() == 0 ? "" : ",").append("{\"value\":\"").append(user.id()).append("\"}");
        }
        return "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[" + values + "]}";
    }

    @Test
    void createWithEntrasGroupSchemaAndExternalIdAnswers201() {
        String name = unique("Entra Group");
        String externalId = UUID.randomUUID().toString();

        HttpCalls.Reply created = scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                            "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"%s","displayName":"%s","members":[]}
                """.formatted(externalId, name));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("externalId").asText()).isEqualTo(externalId);
        assertThat(created.body().path("displayName").asText()).isEqualTo(name);
    }

    @Test
    void addWithANullRefAddsTheMember() {
        User user = groups.user();
        String id = groups.group(unique("Entra Add"));

        HttpCalls.Reply reply = groups.patch(id, entraAdd(user));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(groups.memberIds(id)).containsExactly(user.id());
    }

    @Test
    void removeWithAValueListRemovesOnlyTheListedMembers() {
        List<User> users = groups.users(4);
        String id = groups.groupWith(unique("Entra Remove"), users);

        HttpCalls.Reply reply = groups.patch(id, entraRemove(users.subList(0, 2)));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(groups.memberIds(id)).containsExactlyInAnyOrder(users.get(2).id(), users.get(3).id());
    }

    @Test
    void aPathlessReplaceOfExternalIdSetsIt() {
        String name = unique("Entra Replace");
        String id = groups.group(name);
        String externalId = UUID.randomUUID().toString();

        HttpCalls.Reply reply = groups.patch(id, "{\"op\":\"replace\",\"value\":{\"externalId\":\"" + externalId + "\"}}");

        assertThat(reply.status()).isEqualTo(204);
        JsonNode group = scim.get("/scim/v2/Groups/" + id).body();
        assertThat(group.path("externalId").asText()).isEqualTo(externalId);
        assertThat(group.path("displayName").asText()).isEqualTo(name);
        assertThat(group.path("meta").path("version").asText()).isEqualTo("W/\"2\"");
    }

    @Test
    void addingAMemberAlreadyThereChangesNothing() {
        User user = groups.user();
        String id = groups.groupWith(unique("Entra Again"), List.of(user));
        String version = groups.version(id);

        HttpCalls.Reply reply = groups.patch(id, entraAdd(user));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(groups.version(id)).isEqualTo(version);
        assertThat(groups.memberIds(id)).containsExactly(user.id());
    }

    @Test
    void removingAMemberNotThereChangesNothing() {
        List<User> users = groups.users(2);
        String id = groups.groupWith(unique("Entra Absent"), users.subList(0, 1));
        String version = groups.version(id);

        HttpCalls.Reply reply = groups.patch(id, entraRemove(users.subList(1, 2)));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(groups.version(id)).isEqualTo(version);
        assertThat(groups.memberIds(id)).containsExactly(users.get(0).id());
    }

    @Test
    void addAndRemoveOfTheSameMemberInOneRequestLeavesItOut() {
        List<User> users = groups.users(2);
        String id = groups.groupWith(unique("Entra Both"), users.subList(0, 1));

        HttpCalls.Reply reply = groups.patch(id, entraAdd(users.get(1)), entraRemove(users.subList(1, 2)));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(groups.memberIds(id)).containsExactly(users.get(0).id());
    }

    @Test
    void filterByDisplayNameExcludingMembersFindsTheGroupWithoutMembers() {
        String name = unique("Entra Lookup");
        String id = groups.groupWith(name, groups.users(1));

        HttpCalls.Reply reply = scim.get("/scim/v2/Groups?excludedAttributes=members&" + filterEq("displayName", name));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("totalResults").asInt()).isEqualTo(1);
        JsonNode group = reply.body().path("Resources").get(0);
        assertThat(group.path("id").asText()).isEqualTo(id);
        assertThat(group.path("displayName").asText()).isEqualTo(name);
        assertThat(group.has("members")).isFalse();
    }

    @Test
    void getByIdExcludingMembersAnswersTheGroupWithoutMembers() {
        String name = unique("Entra Get");
        String id = groups.groupWith(name, groups.users(2));

        HttpCalls.Reply reply = scim.get("/scim/v2/Groups/" + id + "?excludedAttributes=members");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("displayName").asText()).isEqualTo(name);
        assertThat(reply.body().path("meta").path("resourceType").asText()).isEqualTo("Group");
        assertThat(reply.body().has("members")).isFalse();
        assertThat(ids(scim.get("/scim/v2/Groups/" + id).body().path("members"))).hasSize(2);
    }
}
