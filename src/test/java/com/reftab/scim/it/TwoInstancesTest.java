package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.reftab.scim.ReftabScimApplication;
import com.reftab.scim.kafka.LocalKafkaBroker;
import com.reftab.scim.postgres.EmbeddedPostgresServer;
import com.reftab.scim.postgres.EmbeddedPostgresServer.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances on one PostgreSQL and one Kafka broker, as production runs them behind a load
 * balancer: SCIM traffic to both, each event on the topic once and in order per user, and the user
 * store equal to what the directory implies.
 */
class TwoInstancesTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(Database database, String instance, String brokers) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--reftab.data-dir=" + dataDir.resolve(instance),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--reftab.scim.token=two-instances-scim", "--reftab.admin.token=two-instances-admin",
                "--reftab.outbox.poll-interval-ms=50", "--reftab.scim.rate-limit.per-minute=0",
                "--camel.component.kafka.poll-timeout-ms=200"));
        if (brokers != null) {
            args.add("--reftab.kafka.brokers=" + brokers);
            args.add("--camel.component.kafka.brokers=" + brokers);
        }
        return new SpringApplicationBuilder(ReftabScimApplication.class).run(args.toArray(String[]::new));
    }

    private static HttpCalls scim(ConfigurableApplicationContext context) {
        return new HttpCalls(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")), "two-instances-scim");
    }

    @Test
    void bothInstancesServeOneDirectoryAndEveryEventIsPublishedOnceInOrder() {
        Database database = EmbeddedPostgresServer.createDatabase();
        try (ConfigurableApplicationContext first = start(database, "first", null)) {
            String brokers = first.getBean(LocalKafkaBroker.class).bootstrapServers();
            try (ConfigurableApplicationContext second = start(database, "second", brokers)) {
                List<HttpCalls> instances = List.of(scim(first), scim(second));
                Map<String, Boolean> expectedActive = new HashMap<>();
                for (int i = 0; i < 20; i++) {
                    String id = instances.get(i % 2).post("/scim/v2/Users",
                            oktaUser("two-" + i + "-" + UUID.randomUUID() + "@atko.com", "Two", "Instances")).body().path("id").asText();
                    expectedActive.put(id, true);
                }
                int i = 0;
                for (String id : expectedActive.keySet()) {
                    if (i++ % 2 == 0) {
                        assertThat(instances.get(i % 2).patch("/scim/v2/Users/" + id, activePatch(false)).status()).isEqualTo(200);
                        expectedActive.put(id, false);
                    }
                }
                assertThat(instances.get(1).get("/scim/v2/Users?count=0").body().path("totalResults").asInt()).isEqualTo(20);

                JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(jdbc.queryForObject("select count(*) from outbox_event where published_at is null", Long.class)).isZero();
                    Map<String, Boolean> store = new HashMap<>();
                    jdbc.query("select user_id, status from account", rs -> {
                        store.put(rs.getString("user_id"), "active".equals(rs.getString("status")));
                    });
                    assertThat(store).isEqualTo(expectedActive);
                });

                String topic = first.getEnvironment().getProperty("reftab.events.topic");
                List<EventTopic.Event> events = EventTopic.readAll(brokers, topic);
                Set<String> eventIds = new HashSet<>();
                Map<String, Long> lastVersion = new HashMap<>();
                for (EventTopic.Event event : events) {
                    assertThat(eventIds.add(event.value().path("id").asText())).as("published once").isTrue();
                    String subject = event.value().path("subject").asText();
                    long version = event.value().path("data").path("version").asLong();
                    assertThat(version).as("in order for " + subject).isGreaterThan(lastVersion.getOrDefault(subject, 0L));
                    lastVersion.put(subject, version);
                }
                assertThat(events).hasSize(30);
            }
        }
    }
}
