package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.add;
import static com.reftab.scim.it.GroupCalls.assertScimError;
import static com.reftab.scim.it.GroupCalls.patchOp;
import static com.reftab.scim.it.GroupCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import com.reftab.scim.it.GroupCalls.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bad group requests get the right SCIM error and change nothing: not the groups, their members or the outbox. */
@ScimIntegrationTest
class GroupBadInputTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpCalls scim;
    GroupCalls groups;
    String name;
    String groupId;

    @BeforeEach
    void setUp() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        groups = new GroupCalls(scim);
        name = unique("Bad Input");
        groupId = groups.group(name);
    }

    private List<Long> state() {
        return List.of(count("scim_group"), count("scim_group_member"), count("outbox_event"),
                jdbc.queryForObject("select coalesce(max(version), 0) from scim_group", Long.class));
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private static User unknownUser() {
        return new User(UUID.randomUUID().toString(), "ghost@atko.com");
    }

    @Test
    void anUnknownMemberIdRefusesTheWholeRequestIncludingTheRename() {
        User known = groups.user();
        List<Long> before = state();

        HttpCalls.Reply reply = groups.patch(groupId,
                "{\"op\":\"replace\",\"value\":{\"displayName\":\"" + unique("Renamed") + "\"}}",
                add(List.of(known, unknownUser())));

        assertScimError(reply, 400, "invalidValue");
        assertThat(state()).isEqualTo(before);
        assertThat(scim.get("/scim/v2/Groups/" + groupId).body().path("displayName").asText()).isEqualTo(name);
        assertThat(groups.memberIds(groupId)).isEmpty();
    }

    @Test
    void createWithAnUnknownMemberCreatesNoGroup() {
        List<Long> before = state();

        HttpCalls.Reply reply = scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":%s}
                """.formatted(unique("Never Created"), GroupCalls.members(List.of(unknownUser()))));

        assertScimError(reply, 400, "invalidValue");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aDisplayNameLongerThanItsColumnOnceLowerCasedCreatesNoGroup() {
        List<Long> before = state();

        HttpCalls.Reply reply = scim.post("/scim/v2/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s"}
                """.formatted("\u0130".repeat(300)));

        assertScimError(reply, 400, "invalidValue");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aMalformedMembersPathIsInvalidPath() {
        List<Long> before = state();

        HttpCalls.Reply reply = groups.patch(groupId, "{\"op\":\"remove\",\"path\":\"members[value eq\"}");

        assertScimError(reply, 400, "invalidPath");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aFilterOnAnUnknownAttributeIsInvalidFilter() {
        assertScimError(scim.get("/scim/v2/Groups?filter=foo%20eq%20%22x%22"), 400, "invalidFilter");
    }

    @Test
    void emptyOperationsIsInvalidSyntax() {
        List<Long> before = state();

        assertScimError(scim.patch("/scim/v2/Groups/" + groupId, patchOp()), 400, "invalidSyntax");

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void createWithoutDisplayNameIsInvalidValue() {
        List<Long> before = state();

        HttpCalls.Reply reply = scim.post("/scim/v2/Groups",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"members\":[]}");

        assertScimError(reply, 400, "invalidValue");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void removeWithoutPathIsNoTarget() {
        List<Long> before = state();

        assertScimError(groups.patch(groupId, "{\"op\":\"remove\"}"), 400, "noTarget");

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aWrongTokenIs401AndChangesNothing() {
        List<Long> before = state();
        HttpCalls intruder = new HttpCalls(port, "not-the-token");

        HttpCalls.Reply created = intruder.post("/scim/v2/Groups",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Intruders\"}");
        HttpCalls.Reply listed = intruder.get("/scim/v2/Groups");
        HttpCalls.Reply deleted = intruder.delete("/scim/v2/Groups/" + groupId);

        assertScimError(created, 401, null);
        assertScimError(listed, 401, null);
        assertScimError(deleted, 401, null);
        assertThat(created.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void anUnknownGroupIdIs404ForEveryVerb() {
        List<Long> before = state();
        String unknown = "/scim/v2/Groups/" + UUID.randomUUID();

        assertScimError(scim.get(unknown), 404, null);
        assertScimError(scim.patch(unknown, patchOp("{\"op\":\"replace\",\"value\":{\"displayName\":\"X\"}}")), 404, null);
        assertScimError(scim.put(unknown, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"X\"}"),
                404, null);
        assertScimError(scim.delete(unknown), 404, null);
        assertScimError(scim.get("/scim/v2/Groups/010101001010101011001010101011"), 404, null);

        assertThat(state()).isEqualTo(before);
    }
}
