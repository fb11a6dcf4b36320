package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.reftab.scim.kafka.LocalKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Kafka stopped for a while: SCIM writes keep being acknowledged, their events wait in the outbox
 * (visible in the backlog metric), and when the broker is back they are published once each, in
 * commit order, and the user store converges on the directory.
 */
class KafkaOutageTest {

    private static final Pattern BACKLOG = Pattern.compile("(?m)^reftab_outbox_backlog(?:\\{[^}]*})? ([0-9.Ee+]+)$");

    @TempDir
    Path dataDir;

    @Test
    void writesDuringAnOutageAreAcknowledgedAndTheirEventsFollowInOrderWhenKafkaReturns() throws Exception {
        int brokerPort = freePort();
        Path kafkaDir = dataDir.resolve("kafka");
        LocalKafkaBroker broker = LocalKafkaBroker.start(kafkaDir, brokerPort);
        try (ConfigurableApplicationContext service = start(broker.bootstrapServers())) {
            int port = InProcessService.port(service);
            HttpCalls scim = new HttpCalls(port, "kafka-outage-scim");
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            List<String> before = createUsers(scim, 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> storeMatchesDirectory(jdbc));

            broker.close();
            List<String> during = createUsers(scim, 5);
            for (String id : List.of(before.get(0), during.get(1))) {
                assertThat(scim.patch("/scim/v2/Users/" + id, activePatch(false)).status()).isEqualTo(200);
            }
            assertThat(scim.delete("/scim/v2/Users/" + before.get(1)).status()).isEqualTo(204);
            assertThat(backlog(port)).as("events waiting in the outbox").isGreaterThanOrEqualTo(8);

            broker = LocalKafkaBroker.start(kafkaDir, brokerPort);
            await().atMost(Duration.ofSeconds(90)).until(() -> backlog(port) == 0 && storeMatchesDirectory(jdbc));

            List<String> committed = jdbc.queryForList("select event_id from outbox_event order by seq", String.class);
            List<String> published = new ArrayList<>(new LinkedHashSet<>(
                    EventTopic.readAll(broker.bootstrapServers(), "reftab.scim.events").stream()
                            .map(event -> event.value().path("id").asText()).toList()));
            assertThat(published).as("every committed event, first delivery in commit order").isEqualTo(committed);
        } finally {
            broker.close();
        }
    }

    private ConfigurableApplicationContext start(String brokers) {
        return InProcessService.start(dataDir, brokers, "kafka-outage",
                "--reftab.outbox.poll-interval-ms=50",
                "--management.prometheus.metrics.export.enabled=true",
                // Short waits for the absent broker keep the relay's retries close to the broker's return.
                "--camel.component.kafka.max-block-ms=2000",
                "--camel.component.kafka.delivery-timeout-ms=4000",
                "--camel.component.kafka.request-timeout-ms=2000");
    }

    private static List<String> createUsers(HttpCalls scim, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpCalls.Reply reply = scim.post("/scim/v2/Users",
                    oktaUser("outage-" + UUID.randomUUID() + "@atko.com", "Kafka", "Outage"));
            assertThat(reply.status()).isEqualTo(201);
            ids.add(reply.body().path("id").asText());
        }
        return ids;
    }

    /** Every user of the directory has an account with its status, and every deleted user a disabled one. */
    private static boolean storeMatchesDirectory(JdbcTemplate jdbc) {
        List<Map<String, Object>> mismatches = jdbc.queryForList(
                "select u.id from scim_user u left join account a on a.tenant_id = u.tenant_id and a.user_id = u.id"
                        + " where a.user_id is null or a.version <> u.version"
                        + " or a.status <> case when u.active then 'active' else 'disabled' end"
                        + " union all select a.user_id from account a where a.deleted = false and not exists"
                        + " (select 1 from scim_user u where u.tenant_id = a.tenant_id and u.id = a.user_id)");
        return mismatches.isEmpty();
    }

    private static double backlog(int port) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), BodyHandlers.ofString()).body();
        Matcher matcher = BACKLOG.matcher(metrics);
        assertThat(matcher.find()).as("reftab_outbox_backlog on /actuator/prometheus").isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
