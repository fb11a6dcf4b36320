package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.add;
import static com.reftab.scim.it.GroupCalls.remove;
import static com.reftab.scim.it.GroupCalls.unique;
import static com.reftab.scim.it.HttpCalls.activePatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.accounts.AccountProjection;
import com.reftab.scim.it.GroupCalls.User;
import com.reftab.scim.kafka.LocalKafkaBroker;
import com.reftab.scim.roles.RoleMapping;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Kafka delivers at least once, and a redelivery comes after newer events: consuming every event of
 * the topic again, newest first and then shuffled, must leave the user store as it is.
 */
@ScimIntegrationTest
class EventReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    LocalKafkaBroker broker;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RoleMapping roleMapping;

    @Autowired
    AccountProjection accountProjection;

    @Value("${reftab.events.topic}")
    String topic;

    @Value("${reftab.projection.group-id}")
    String projectionGroup;

    @Value("${reftab.role-mapping.group-id}")
    String roleMappingGroup;

    @Test
    void replayingTheWholeTopicOutOfOrderChangesNoAccountAndNoRole() throws Exception {
        HttpCalls scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        HttpCalls admin = new HttpCalls(port, ScimIntegrationTest.ADMIN_TOKEN);
        GroupCalls groups = new GroupCalls(scim);
        List<User> users = groups.users(4);
        String managers = groups.groupWith(unique("Replay Managers"), users.subList(0, 3));
        String admins = groups.groupWith(unique("Replay Admins"), users.subList(2, 4));
        admin.put("/api/admin/group-mappings/" + managers, "{\"role\":\"Manager\"}");
        admin.put("/api/admin/group-mappings/" + admins, "{\"role\":\"Administrator\"}");
        groups.patch(managers, remove(users.get(0)));
        scim.patch("/scim/v2/Users/" + users.get(1).id(), activePatch(false));
        scim.delete("/scim/v2/Users/" + users.get(3).id());
        admin.put("/api/admin/group-mappings/" + admins, "{\"role\":\"Loanee\"}");
        scim.delete("/scim/v2/Groups/" + admins);
        groups.patch(managers, add(List.of(users.get(0))));
        awaitConsumersCaughtUp();
        Map<String, List<Map<String, Object>>> before = snapshot();

        List<EventTopic.Event> events = EventTopic.readAll(broker.bootstrapServers(), topic);
        // Newest first, then in a shuffled order: every event arrives after newer ones of its resource.
        List<EventTopic.Event> newestFirst = new ArrayList<>(events);
        Collections.reverse(newestFirst);
        List<EventTopic.Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(15));
        for (List<EventTopic.Event> replay : List.of(newestFirst, shuffled)) {
            for (EventTopic.Event event : replay) {
                String value = JSON.writeValueAsString(event.value());
                roleMapping.apply(value);
                accountProjection.apply(value);
            }
        }

        assertThat(events).extracting(EventTopic.Event::type).contains(
                "com.reftab.scim.group.members.removed", "com.reftab.access.group-mapping.changed",
                "com.reftab.scim.user.deleted", "com.reftab.scim.group.deleted");
        assertThat(snapshot()).isEqualTo(before);
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        return Map.of(
                "account", jdbc.queryForList("select * from account order by tenant_id, user_id"),
                "account_access", jdbc.queryForList("select * from account_access order by tenant_id, user_id"));
    }

    private void awaitConsumersCaughtUp() throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(
                () -> jdbc.queryForObject("select count(*) from outbox_event where published_at is null", Long.class) == 0);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin kafka = Admin.create(props)) {
            List<TopicPartition> partitions = kafka.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> end = kafka.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get()
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            for (String group : List.of(projectionGroup, roleMappingGroup)) {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                    return end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                            && committed.get(e.getKey()).offset() >= e.getValue());
                });
            }
        }
    }
}
