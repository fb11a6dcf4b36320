package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.ReftabScimApplication;
import com.reftab.scim.kafka.ThreeBrokerCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a three-broker cluster (replication 3, {@code min.insync.replicas} 2): the broker
 * leading the event partition of the writing tenants is stopped, without notice, while several
 * tenants create and deactivate users. Every write is answered 2xx, every acknowledged change's
 * event is on the topic, each tenant's events first arrive in the outbox's commit order, and the
 * user store converges on the directory.
 */
@SpringBootTest(classes = ReftabScimApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:leader-failover-${random.uuid};DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/leader-failover-${random.uuid}",
        "reftab.scim.token=leader-failover-scim",
        "reftab.admin.token=leader-failover-admin",
        "reftab.operator.token=" + KafkaLeaderFailoverTest.OPERATOR_TOKEN,
        "reftab.scim.rate-limit.per-minute=0",
        // Three partitions over three brokers: a tenant's order must hold on whichever it lands.
        "reftab.events.partitions=3",
        "camel.component.kafka.poll-timeout-ms=200",
        "reftab.consumers.retry-delay-ms=20"
})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaLeaderFailoverTest {

    static final String OPERATOR_TOKEN = "leader-failover-operator";
    private static final int TENANTS = 4;
    private static final int WRITERS_PER_TENANT = 2;
    private static final Duration BOUND = Duration.ofSeconds(60);

    /**
     * Not a JUnit temporary directory: that is deleted when the class ends, possibly before the
     * context (and with it the cluster) is closed, and a broker whose log directory disappears
     * halts the whole JVM.
     */
    static final Path KAFKA_DIR = Path.of("target", "test-data", "three-brokers-" + UUID.randomUUID());

    static ThreeBrokerCluster cluster;

    /** Started before the service, which is configured with its addresses as with KAFKA_BROKERS. */
    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        cluster = ThreeBrokerCluster.start(KAFKA_DIR);
        registry.add("reftab.kafka.brokers", cluster::bootstrapServers);
        registry.add("camel.component.kafka.brokers", cluster::bootstrapServers);
    }

    /** Stopped after the service, whose consumers and producer close against a live cluster. */
    @TestConfiguration
    static class ClusterStopsAfterTheService {
        @Bean(destroyMethod = "close")
        ThreeBrokerCluster threeBrokerCluster() {
            return cluster;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${reftab.events.topic}")
    String topic;

    @Value("${reftab.events.dead-letter-topic}")
    String deadLetterTopic;

    /** One acknowledged SCIM write: the event it must have produced. */
    record Write(String tenant, String userId, String eventType) {
    }

    @Test
    void theServiceCreatesItsTopicsWithThreeReplicasOfWhichTwoMustHaveEachWrite() throws Exception {
        try (Admin admin = cluster.admin()) {
            for (String name : List.of(topic, deadLetterTopic)) {
                TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(name);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
                Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
                ConfigEntry minInsync = config.get("min.insync.replicas");

                assertThat(description.partitions()).as(name + ": the configured partitions, not the broker's 1").hasSize(3);
                assertThat(description.partitions()).as(name + ": replicas of each partition")
                        .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
                assertThat(minInsync.value()).as(name + ": min.insync.replicas").isEqualTo("2");
                assertThat(minInsync.source()).as(name + ": set on the topic itself, not inherited from the brokers")
                        .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            }
        }
    }

    @Test
    void stoppingThePartitionLeaderUnderWritesLosesAndReordersNothing() throws Exception {
        HttpCalls operator = new HttpCalls(port, OPERATOR_TOKEN);
        List<JsonNode> tenants = new ArrayList<>();
        for (int i = 0; i < TENANTS; i++) {
            String id = "failover-" + UUID.randomUUID().toString().substring(0, 8);
            HttpCalls.Reply created = operator.post("/api/operator/tenants", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
            assertThat(created.status()).isEqualTo(201);
            tenants.add(created.body());
        }
        List<String> tenantIds = tenants.stream().map(t -> t.path("id").asText()).toList();

        Queue<Write> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<String> refused = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(TENANTS * WRITERS_PER_TENANT);
        try {
            for (JsonNode tenant : tenants) {
                HttpCalls scim = new HttpCalls(port, tenant.path("scimToken").asText());
                for (int w = 0; w < WRITERS_PER_TENANT; w++) {
                    writers.submit(() -> write(scim, tenant.path("id").asText(), acknowledged, refused, writing));
                }
            }

            await("events published through the partition's first leader").atMost(BOUND)
                    .until(() -> published(tenantIds) >= 40);
            int leader = leaderOfTheBusiestPartition(tenantIds);
            long lastSeqBeforeStop = lastSeq();
            int writesBeforeStop = acknowledged.size();
            cluster.stop(leader);

            await("writes acknowledged and their events published after the leader stopped").atMost(BOUND)
                    .until(() -> acknowledged.size() >= writesBeforeStop + 120 && publishedAfter(lastSeqBeforeStop) >= 60);
        } finally {
            writing.set(false);
            writers.shutdown();
            writers.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertThat(writers.isTerminated()).as("writers stopped").isTrue();
        assertThat(refused).as("writes answered other than 2xx").isEmpty();

        await("every event acknowledged by Kafka").atMost(BOUND).until(() -> backlog(tenantIds) == 0);

        Map<String, List<EventTopic.Event>> onTopic = EventTopic.readAll(cluster.bootstrapServers(), topic).stream()
                .filter(event -> tenantIds.contains(event.key()))
                .collect(Collectors.groupingBy(EventTopic.Event::key, LinkedHashMap::new, Collectors.toList()));
        Set<Write> writesOnTopic = onTopic.values().stream().flatMap(List::stream)
                .map(event -> new Write(event.key(), event.value().path("subject").asText().replaceFirst("^Users/", ""),
                        event.type()))
                .collect(Collectors.toSet());
        assertThat(acknowledged.stream().filter(write -> !writesOnTopic.contains(write)).toList())
                .as("acknowledged writes whose event is not on the topic").isEmpty();
        for (String tenant : tenantIds) {
            List<String> committed = jdbc.queryForList(
                    "select event_id from outbox_event where tenant_id = ? order by seq", String.class, tenant);
            List<String> delivered = onTopic.getOrDefault(tenant, List.of()).stream()
                    .map(event -> event.value().path("id").asText()).toList();
            List<String> firstDeliveries = new ArrayList<>(new LinkedHashSet<>(delivered));
            assertThat(firstDeliveries)
                    .as("tenant " + tenant + ": first deliveries in the order they arrived (" + (delivered.size()
                            - firstDeliveries.size()) + " later repeats) against the outbox's commit order")
                    .isEqualTo(committed);
        }
        await("the user store converged on the directory").atMost(BOUND).until(() -> storeMatchesDirectory(tenantIds));
        assertAdminApiShowsDeactivatedUsersDisabled(tenants, acknowledged);
    }

    private static void write(HttpCalls scim, String tenant, Queue<Write> acknowledged, Queue<String> refused,
                              AtomicBoolean writing) {
        List<String> mine = new ArrayList<>();
        int n = 0;
        while (writing.get()) {
            try {
                if (n++ % 3 == 2) {
                    String id = mine.remove(0);
                    HttpCalls.Reply reply = scim.patch("/scim/v2/Users/" + id, activePatch(false));
                    record(reply, 200, new Write(tenant, id, "com.reftab.scim.user.deactivated"), acknowledged, refused);
                } else {
                    HttpCalls.Reply reply = scim.post("/scim/v2/Users",
                            oktaUser("failover-" + UUID.randomUUID() + "@atko.com", "Leader", "Failover"));
                    String id = reply.body().path("id").asText();
                    if (record(reply, 201, new Write(tenant, id, "com.reftab.scim.user.created"), acknowledged, refused)) {
                        mine.add(id);
                    }
                }
            } catch (RuntimeException e) {
                refused.add(e.toString());
            }
        }
    }

    private static boolean record(HttpCalls.Reply reply, int expected, Write write, Queue<Write> acknowledged,
                                  Queue<String> refused) {
        if (reply.status() == expected) {
            acknowledged.add(write);
            return true;
        }
        refused.add(reply.status() + " " + reply.body());
        return false;
    }

    /** The broker leading the partition that most of the writing tenants' events go to. */
    private int leaderOfTheBusiestPartition(List<String> tenantIds) throws Exception {
        try (Admin admin = cluster.admin()) {
            List<TopicPartitionInfo> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic).partitions();
            Map<Integer, Long> tenantsPerPartition = tenantIds.stream().collect(Collectors.groupingBy(
                    tenant -> BuiltInPartitioner.partitionForKey(tenant.getBytes(StandardCharsets.UTF_8), partitions.size()),
                    Collectors.counting()));
            int busiest = tenantsPerPartition.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            return partitions.get(busiest).leader().id();
        }
    }

    private long published(Collection<String> tenantIds) {
        return count("published_at is not null", tenantIds);
    }

    private long backlog(Collection<String> tenantIds) {
        return count("published_at is null", tenantIds);
    }

    private long count(String condition, Collection<String> tenantIds) {
        String in = tenantIds.stream().map(t -> "?").collect(Collectors.joining(","));
        Long count = jdbc.queryForObject("select count(*) from outbox_event where " + condition
                + " and tenant_id in (" + in + ")", Long.class, tenantIds.toArray());
        return count == null ? 0 : count;
    }

    private long lastSeq() {
        Long seq = jdbc.queryForObject("select coalesce(max(seq), 0) from outbox_event", Long.class);
        return seq == null ? 0 : seq;
    }

    private long publishedAfter(long seq) {
        Long count = jdbc.queryForObject(
                "select count(*) from outbox_event where seq > ? and published_at is not null", Long.class, seq);
        return count == null ? 0 : count;
    }

    /** Every user of these tenants has an account with its version and status. */
    private boolean storeMatchesDirectory(Collection<String> tenantIds) {
        String in = tenantIds.stream().map(t -> "?").collect(Collectors.joining(","));
        Long mismatches = jdbc.queryForObject("select count(*) from scim_user u left join account a"
                + " on a.tenant_id = u.tenant_id and a.user_id = u.id"
                + " where u.tenant_id in (" + in + ") and (a.user_id is null or a.version <> u.version"
                + " or a.status <> case when u.active then 'active' else 'disabled' end)", Long.class, tenantIds.toArray());
        return mismatches != null && mismatches == 0;
    }

    /** What a tenant's admin sees: the deactivated users cannot log in, the others can. */
    private void assertAdminApiShowsDeactivatedUsersDisabled(List<JsonNode> tenants, Collection<Write> acknowledged) {
        for (JsonNode tenant : tenants) {
            String id = tenant.path("id").asText();
            Set<String> deactivated = acknowledged.stream()
                    .filter(w -> w.tenant().equals(id) && w.eventType().endsWith(".deactivated"))
                    .map(Write::userId).collect(Collectors.toSet());
            Set<String> created = acknowledged.stream()
                    .filter(w -> w.tenant().equals(id) && w.eventType().endsWith(".created"))
                    .map(Write::userId).collect(Collectors.toSet());
            HttpCalls admin = new HttpCalls(port, tenant.path("adminToken").asText());
            Map<String, JsonNode> accounts = new LinkedHashMap<>();
            // Every page: how many users the writers made depends on the machine's speed.
            for (int start = 1; ; start += 500) {
                HttpCalls.Reply page = admin.get("/api/admin/accounts?count=500&startIndex=" + start);
                assertThat(page.status()).isEqualTo(200);
                page.body().path("accounts").forEach(account -> accounts.put(account.path("id").asText(), account));
                if (start + 500 > page.body().path("totalResults").asInt()) {
                    break;
                }
            }

            assertThat(accounts.keySet()).as("tenant " + id + ": an account for every created user").containsAll(created);
            for (String user : created) {
                boolean disabled = deactivated.contains(user);
                assertThat(accounts.get(user).path("status").asText()).as(user).isEqualTo(disabled ? "disabled" : "active");
                if (disabled) {
                    assertThat(accounts.get(user).path("canLogin").asBoolean()).as(user + " can log in").isFalse();
                }
            }
        }
    }
}
