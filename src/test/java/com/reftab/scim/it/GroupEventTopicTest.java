package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.add;
import static com.reftab.scim.it.GroupCalls.ids;
import static com.reftab.scim.it.GroupCalls.remove;
import static com.reftab.scim.it.GroupCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.it.GroupCalls.User;
import com.reftab.scim.kafka.LocalKafkaBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** What other Reftab services read about groups on the event topic: membership deltas, in order, keyed by tenant. */
@ScimIntegrationTest
class GroupEventTopicTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    LocalKafkaBroker broker;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${reftab.events.topic}")
    String topic;

    HttpCalls scim;
    GroupCalls groups;

    @BeforeEach
    void clients() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        groups = new GroupCalls(scim);
    }

    private List<EventTopic.Event> eventsOfGroup(String groupId, int atLeast) {
        return await().atMost(EVENTUALLY).until(
                () -> EventTopic.forSubject(EventTopic.readAll(broker.bootstrapServers(), topic), "Groups/" + groupId),
                found -> found.size() >= atLeast);
    }

    private static List<String> memberValues(EventTopic.Event event) {
        return List.copyOf(ids(event.value().path("data").path("members")));
    }

    @Test
    void aGroupsLifeReachesTheTopicInOrderAsMembershipDeltas() {
        List<User> users = groups.users(2);
        String id = groups.group(unique("Lifecycle"));
        groups.patch(id, add(users));
        groups.patch(id, remove(users.get(0)));
        String newName = unique("Renamed");
        groups.patch(id, "{\"op\":\"replace\",\"value\":{\"displayName\":\"" + newName + "\"}}");
        scim.delete("/scim/v2/Groups/" + id);

        List<EventTopic.Event> events = eventsOfGroup(id, 6);

        assertThat(events).extracting(EventTopic.Event::type).containsExactly(
                "com.reftab.scim.group.created",
                "com.reftab.scim.group.members.added",
                "com.reftab.scim.group.members.removed",
                "com.reftab.scim.group.updated",
                "com.reftab.scim.group.members.removed",
                "com.reftab.scim.group.deleted");
        assertThat(events).extracting(EventTopic.Event::key).containsOnly("default");
        assertThat(events).extracting(e -> e.value().path("data").path("version").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 5L);
        assertThat(memberValues(events.get(1))).containsExactlyInAnyOrder(users.get(0).id(), users.get(1).id());
        assertThat(memberValues(events.get(2))).containsExactly(users.get(0).id());
        assertThat(events.get(3).value().path("data").path("resource").path("displayName").asText()).isEqualTo(newName);
        assertThat(memberValues(events.get(4))).containsExactly(users.get(1).id());
    }

    @Test
    void aMembershipEventCarriesOnlyTheMembersThatChangedNotTheGroup() {
        List<User> users = groups.users(3);
        String id = groups.groupWith(unique("Delta"), users.subList(0, 2));

        groups.patch(id, add(users));

        List<EventTopic.Event> events = eventsOfGroup(id, 3);
        JsonNode data = events.get(2).value().path("data");
        assertThat(events.get(2).type()).isEqualTo("com.reftab.scim.group.members.added");
        assertThat(data.has("resource")).isFalse();
        assertThat(data.path("members")).hasSize(1);
        assertThat(data.path("members").get(0).path("value").asText()).isEqualTo(users.get(2).id());
        assertThat(data.path("members").get(0).path("display").asText()).isEqualTo(users.get(2).userName());
        assertThat(data.path("id").asText()).isEqualTo(id);
        assertThat(data.path("tenantId").asText()).isEqualTo("default");
    }

    @Test
    void aPatchThatChangesNothingRecordsNoEvent() {
        User user = groups.user();
        String name = unique("Quiet");
        String id = groups.groupWith(name, List.of(user));

        groups.patch(id, "{\"op\":\"replace\",\"value\":{\"id\":\"" + id + "\",\"displayName\":\"" + name + "\"}}", add(List.of(user)));

        assertThat(jdbc.queryForList("select type from outbox_event where subject = ? order by seq", String.class, "Groups/" + id))
                .containsExactly("com.reftab.scim.group.created", "com.reftab.scim.group.members.added");
    }

    @Test
    void deletingAUserTakesThemOutOfTheirGroupWithAMembersRemovedEvent() {
        List<User> users = groups.users(2);
        String id = groups.groupWith(unique("Leavers"), users);

        assertThat(scim.delete("/scim/v2/Users/" + users.get(0).id()).status()).isEqualTo(204);

        assertThat(groups.memberIds(id)).containsExactly(users.get(1).id());
        assertThat(groups.version(id)).isEqualTo("W/\"3\"");
        List<EventTopic.Event> events = eventsOfGroup(id, 3);
        assertThat(events).extracting(EventTopic.Event::type).containsExactly(
                "com.reftab.scim.group.created",
                "com.reftab.scim.group.members.added",
                "com.reftab.scim.group.members.removed");
        assertThat(memberValues(events.get(2))).containsExactly(users.get(0).id());
        assertThat(events.get(2).value().path("data").path("version").asLong()).isEqualTo(3L);
    }
}
