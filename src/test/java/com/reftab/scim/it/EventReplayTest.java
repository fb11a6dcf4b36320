package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.add;
import static com.reftab.scim.it.GroupCalls.remove;
import static com.reftab.scim.it.GroupCalls.unique;
import static com.reftab.scim.it.HttpCalls.activePatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.reftab.scim.it.GroupCalls.User;
import com.reftab.scim.it.Tenants.Tenant;
import com.reftab.scim.kafka.LocalKafkaBroker;
import com.reftab.scim.postgres.EmbeddedPostgresServer;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Kafka delivers at least once, and a redelivery comes after newer events: consuming every event of
 * the topic again, newest first and then shuffled, must leave the user store as it is. And the user
 * store is a projection of the events alone: another service given only the topic rebuilds it.
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
    ProducerTemplate camel;

    @TempDir
    Path dataDir;

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
        scim.patch("/scim/v2/Users/" + users.get(2).id(), addRoles("Administrator"));
        scim.patch("/scim/v2/Users/" + users.get(0).id(), addRoles("Loanee"));
        admin.put("/api/admin/direct-roles", "{\"directRolesAuthoritative\":true}");
        scim.patch("/scim/v2/Users/" + users.get(2).id(), replaceRoles("User"));
        admin.put("/api/admin/direct-roles", "{\"directRolesAuthoritative\":false}");
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
                // Each event alone, as a consumer applies a record after its poll failed.
                camel.requestBody("direct:role-mapping-apply", value);
                camel.requestBody("direct:account-projection-apply", value);
            }
        }

        assertThat(events).extracting(EventTopic.Event::type).contains(
                "com.reftab.scim.group.members.removed", "com.reftab.access.group-mapping.changed",
                "com.reftab.scim.user.deleted", "com.reftab.scim.group.deleted",
                "com.reftab.access.direct-roles-setting.changed");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aFreshConsumerGroupReplayingTheTopicIntoAnEmptyDatabaseRebuildsTheSameAccountsStatusesAndRoles() throws Exception {
        Tenant tenant = new Tenants(port, "replay").create();
        GroupCalls groups = new GroupCalls(tenant.scim());
        List<User> users = groups.users(6);
        String managers = groups.groupWith(unique("Rebuilt Managers"), users.subList(0, 3));
        String admins = groups.groupWith(unique("Rebuilt Admins"), users.subList(2, 5));
        String loanees = groups.groupWith(unique("Rebuilt Loanees"), users.subList(4, 6));
        tenant.admin().put("/api/admin/group-mappings/" + managers, "{\"role\":\"Manager\"}");
        tenant.admin().put("/api/admin/group-mappings/" + admins, "{\"role\":\"Administrator\"}");
        tenant.admin().put("/api/admin/group-mappings/" + loanees, "{\"role\":\"Loanee\"}");
        tenant.scim().patch("/scim/v2/Users/" + users.get(0).id(), """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"displayName","value":"Renamed Once"}]}""");
        tenant.scim().patch("/scim/v2/Users/" + users.get(1).id(), activePatch(false));
        tenant.scim().patch("/scim/v2/Users/" + users.get(5).id(), activePatch(false));
        tenant.scim().patch("/scim/v2/Users/" + users.get(5).id(), activePatch(true));
        groups.patch(managers, remove(users.get(1)));
        groups.patch(admins, add(List.of(users.get(0))));
        tenant.admin().put("/api/admin/group-mappings/" + admins, "{\"role\":\"Manager\"}");
        tenant.admin().delete("/api/admin/group-mappings/" + loanees);
        tenant.scim().delete("/scim/v2/Users/" + users.get(3).id());
        tenant.scim().delete("/scim/v2/Groups/" + managers);
        tenant.admin().put("/api/admin/default-role", "{\"role\":\"Loanee\"}");
        tenant.scim().patch("/scim/v2/Users/" + users.get(4).id(), addRoles("Administrator"));
        tenant.scim().patch("/scim/v2/Users/" + users.get(0).id(), addRoles("Administrator"));
        tenant.scim().patch("/scim/v2/Users/" + users.get(0).id(), replaceRoles("Loanee"));
        tenant.admin().put("/api/admin/direct-roles", "{\"directRolesAuthoritative\":true}");
        awaitConsumersCaughtUp();
        Map<String, List<Map<String, Object>>> live = userStore(jdbc, tenant.id());
        assertThat(live.get("roles")).extracting(row -> row.get("role")).contains("Manager", "Loanee", "Administrator");
        assertThat(live.get("roles")).extracting(row -> row.get("role_origin")).contains("group", "direct", "default");
        assertThat(live.get("accounts")).extracting(row -> row.get("status")).contains("active", "disabled");

        String[] secondDatabase = liveDatabaseUrl().startsWith("jdbc:postgresql:") ? postgresDatabase() : h2Database();
        List<String> settings = new ArrayList<>(List.of(secondDatabase));
        settings.addAll(List.of("--reftab.kafka.brokers=" + broker.bootstrapServers(),
                "--camel.component.kafka.brokers=" + broker.bootstrapServers(),
                "--reftab.scim.token=replay-scim", "--reftab.admin.token=replay-admin",
                "--reftab.projection.group-id=replay-projection-" + UUID.randomUUID(),
                "--reftab.role-mapping.group-id=replay-role-mapping-" + UUID.randomUUID()));
        try (ConfigurableApplicationContext rebuilt = InProcessService.start(dataDir, settings)) {
            JdbcTemplate rebuiltStore = rebuilt.getBean(JdbcTemplate.class);
            assertThat(userStore(rebuiltStore, tenant.id()).get("accounts")).as("the second database starts empty").isEmpty();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(userStore(rebuiltStore, tenant.id())).isEqualTo(live));
        }
    }

    /** A tenant's accounts (what they show, their status) and roles, as the user store holds them. */
    private static Map<String, List<Map<String, Object>>> userStore(JdbcTemplate store, String tenantId) {
        return Map.of(
                "accounts", store.queryForList("select user_id, user_name, email, given_name, family_name, display_name,"
                        + " status, version, deleted, created_at, updated_at, disabled_at from account where tenant_id = ?"
                        + " order by user_id", tenantId),
                "roles", store.queryForList("select user_id, role, role_origin, role_origin_group from account_access"
                        + " where tenant_id = ? order by user_id", tenantId));
    }

    /** Entra's PATCH adding app roles (AppRoleAssignmentsComplex). */
    private static String addRoles(String... roles) {
        return rolesPatch("Add", roles);
    }

    /** Entra's assertive PATCH replacing the whole array (AssertiveAppRoleAssignmentsComplex). */
    private static String replaceRoles(String... roles) {
        return rolesPatch("replace", roles);
    }

    private static String rolesPatch(String op, String... roles) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"" + op
                + "\",\"path\":\"roles\",\"value\":[" + java.util.Arrays.stream(roles)
                .map(role -> "{\"type\":\"WindowsAzureActiveDirectoryRole\",\"value\":\"" + role + "\"}")
                .collect(Collectors.joining(",")) + "]}]}";
    }

    private String liveDatabaseUrl() throws java.sql.SQLException {
        try (java.sql.Connection connection = jdbc.getDataSource().getConnection()) {
            return connection.getMetaData().getURL();
        }
    }

    private static String[] h2Database() {
        return new String[] {"--spring.datasource.url=jdbc:h2:mem:replay-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"};
    }

    /** A second database in the embedded PostgreSQL server the live store runs on. */
    private static String[] postgresDatabase() {
        EmbeddedPostgresServer.Database database = EmbeddedPostgresServer.createDatabase();
        return new String[] {"--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password()};
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
