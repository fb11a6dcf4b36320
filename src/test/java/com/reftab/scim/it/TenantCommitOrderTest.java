package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.it.Tenants.Tenant;
import com.reftab.scim.kafka.LocalKafkaBroker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One tenant's events reach the topic in the order their changes committed, however many of its
 * requests run at once: the outbox serialises a tenant's commits, the relay publishes in that
 * order, once each.
 */
@ScimIntegrationTest
class TenantCommitOrderTest {

    private static final int WRITERS = 16;
    private static final int WRITES_EACH = 20;
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LocalKafkaBroker broker;

    @Value("${reftab.events.topic}")
    String topic;

    @Test
    void sixteenConcurrentWritersOfOneTenantArePublishedInTheOutboxsCommitOrderOnceEach() throws Exception {
        Tenant writing = new Tenants(port, "order").create();
        String tenant = writing.id();
        HttpCalls scim = writing.scim();

        List<String> users = simultaneously(writer -> List.of(create(scim, tenant, writer))).stream()
                .flatMap(List::stream).toList();
        List<Integer> statuses = simultaneously(writer -> {
            // Each writer changes users the others change too, so their writes queue on the same rows.
            Random random = new Random(writer);
            List<Integer> answers = new ArrayList<>();
            for (int i = 0; i < WRITES_EACH; i++) {
                String user = users.get(random.nextInt(users.size()));
                answers.add(scim.patch("/scim/v2/Users/" + user, i % 5 == 4
                        ? activeAndName(random.nextBoolean(), "w" + writer + "-" + i)
                        : name("w" + writer + "-" + i)).status());
            }
            return answers;
        }).stream().flatMap(List::stream).toList();
        assertThat(statuses).containsOnly(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox_event where tenant_id = ? and published_at is null", Long.class, tenant) == 0);
        List<String> committed = jdbc.queryForList("select event_id from outbox_event where tenant_id = ? order by seq",
                String.class, tenant);
        List<EventTopic.Event> published = EventTopic.readAll(broker.bootstrapServers(), topic).stream()
                .filter(event -> tenant.equals(event.key())).toList();

        assertThat(committed).hasSizeGreaterThanOrEqualTo(WRITERS + WRITERS * WRITES_EACH);
        assertThat(published).extracting(event -> event.value().path("id").asText())
                .as("the tenant's events on the topic, duplicates included, against the outbox in commit order")
                .containsExactlyElementsOf(committed);
        Map<String, Long> lastVersion = new HashMap<>();
        for (EventTopic.Event event : published) {
            JsonNode data = event.value().path("data");
            long version = data.path("version").asLong();
            Long before = lastVersion.put(data.path("resourceType").asText() + "/" + data.path("id").asText(), version);
            assertThat(before == null || version > before)
                    .as("version %s of %s after version %s", version, data.path("id").asText(), before).isTrue();
        }
    }

    private static String create(HttpCalls scim, String tenant, int writer) {
        HttpCalls.Reply reply = scim.post("/scim/v2/Users",
                oktaUser(tenant + "-" + writer + "-" + UUID.randomUUID() + "@atko.com", "Writer", "No" + writer));
        assertThat(reply.status()).isEqualTo(201);
        return reply.body().path("id").asText();
    }

    private static String name(String displayName) {
        return """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"displayName","value":"%s"}]}
                """.formatted(PATCH_OP, displayName);
    }

    private static String activeAndName(boolean active, String displayName) {
        return """
                {"schemas":["%s"],"Operations":[{"op":"replace","value":{"active":%s,"displayName":"%s"}}]}
                """.formatted(PATCH_OP, active, displayName);
    }

    private interface Writer<T> {
        T write(int writer) throws Exception;
    }

    /** Runs one call per writer, all released together, and answers their results in writer order. */
    private static <T> List<T> simultaneously(Writer<T> call) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<T>> results = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            results.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return call.write(writer);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        start.countDown();
        List<T> answers = results.stream().map(CompletableFuture::join).toList();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        return answers;
    }
}
