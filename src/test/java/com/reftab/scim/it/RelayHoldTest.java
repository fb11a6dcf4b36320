package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.reftab.scim.ReftabScimApplication;
import com.reftab.scim.it.Tenants.Tenant;
import com.reftab.scim.kafka.LocalKafkaBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An event the broker refuses for good (here: larger than the topic's {@code max.message.bytes},
 * as on a cluster configured below the service's event bound) holds only its own tenant. Every
 * other tenant's events, however many, reach Kafka and the user store within seconds; the held
 * tenant's later events wait in order until the operator parks the refused event or retries it,
 * and the hold shows in the metrics, the health and the tenant's admin API.
 */
// A context of its own (its broker, consumers and relay): closed once the class is done, not kept running under later tests.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = ReftabScimApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:relay-hold-${random.uuid};DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/relay-hold-${random.uuid}",
        "reftab.scim.token=relay-hold-scim",
        "reftab.admin.token=relay-hold-admin",
        "reftab.operator.token=" + RelayHoldTest.OPERATOR_TOKEN,
        "reftab.scim.rate-limit.per-minute=0",
        "reftab.scim.in-flight-per-tenant=32",
        // A relay batch far smaller than what waits behind a refused event.
        "reftab.outbox.batch-size=" + RelayHoldTest.BATCH,
        "reftab.outbox.poll-interval-ms=20",
        "management.prometheus.metrics.export.enabled=true",
        "camel.component.kafka.poll-timeout-ms=200",
        "reftab.consumers.retry-delay-ms=20"
})
class RelayHoldTest {

    static final String OPERATOR_TOKEN = "relay-hold-operator";
    static final int BATCH = 20;
    /** Above the producer's 16 KiB batches of small events, below one large membership event. */
    static final int TOPIC_LIMIT = 32 * 1024;
    private static final Duration SECONDS = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tenant held behind its group push's membership event, which the topic refused. */
    record Held(Tenant tenant, List<String> userIds, long sequence, String eventId) {
    }

    @LocalServerPort
    int port;

    @Autowired
    LocalKafkaBroker broker;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${reftab.events.topic}")
    String topic;

    HttpCalls operator;
    Tenants tenants;

    @BeforeEach
    void theTopicRefusesRecordsOverItsLimit() throws Exception {
        TopicLimit.set(broker.bootstrapServers(), topic, TOPIC_LIMIT);
        operator = new HttpCalls(port, OPERATOR_TOKEN);
        tenants = new Tenants(port, OPERATOR_TOKEN, "relay");
    }

    @Test
    void aRefusedEventHoldsOnlyItsTenantAndEveryOtherTenantsEventsBehindItAreDelivered() {
        Held held = heldTenant();
        // The held tenant goes on writing, more than a relay batch: none of it may take the others' place.
        for (int i = 0; i < BATCH + 10; i++) {
            assertThat(held.tenant().scim().patch("/scim/v2/Users/" + held.userIds().get(i % 5), displayNamePatch("Held " + i))
                    .status()).isEqualTo(200);
        }
        assertThat(held.tenant().scim().patch("/scim/v2/Users/" + held.userIds().get(0), activePatch(false)).status())
                .isEqualTo(200);

        List<Tenant> others = List.of(tenants.create(), tenants.create(), tenants.create());
        List<String> deactivated = new ArrayList<>();
        for (Tenant other : others) {
            List<String> users = createUsers(other, BATCH + 5);
            assertThat(other.scim().patch("/scim/v2/Users/" + users.get(0), activePatch(false)).status()).isEqualTo(200);
            deactivated.add(users.get(0));
        }

        await().atMost(SECONDS).untilAsserted(() -> {
            for (int i = 0; i < others.size(); i++) {
                assertThat(account(others.get(i), deactivated.get(i)).path("status").asText()).isEqualTo("disabled");
            }
        });
        await().atMost(SECONDS).untilAsserted(() -> {
            for (Tenant other : others) {
                assertThat(waiting(other.id())).as("events of %s not yet published", other.id()).isZero();
            }
        });
        assertThat(account(held.tenant(), held.userIds().get(0)).path("status").asText()).isEqualTo("active");
        assertThat(waiting(held.tenant().id())).isGreaterThan(BATCH + 10);
        release(held);
    }

    @Test
    void theHeldTenantsLaterEventsWaitAndFollowInCommitOrderOnceTheOperatorParksTheRefusedEvent() {
        Held held = heldTenant();
        String first = held.userIds().get(0);
        String second = held.userIds().get(1);
        assertThat(held.tenant().scim().patch("/scim/v2/Users/" + first, displayNamePatch("Renamed once")).status()).isEqualTo(200);
        assertThat(held.tenant().scim().patch("/scim/v2/Users/" + second, activePatch(false)).status()).isEqualTo(200);
        assertThat(held.tenant().scim().patch("/scim/v2/Users/" + first, displayNamePatch("Renamed twice")).status()).isEqualTo(200);

        await().during(Duration.ofSeconds(1)).atMost(SECONDS).until(
                () -> "active".equals(account(held.tenant(), second).path("status").asText()));

        HttpCalls.Reply parked = park(held);
        assertThat(parked.status()).isEqualTo(200);
        assertThat(parked.body().path("parked").path("sequence").asLong()).isEqualTo(held.sequence());

        await().atMost(SECONDS).untilAsserted(() -> {
            assertThat(account(held.tenant(), second).path("status").asText()).isEqualTo("disabled");
            assertThat(account(held.tenant(), first).path("displayName").asText()).isEqualTo("Renamed twice");
        });
        await().atMost(SECONDS).until(() -> waiting(held.tenant().id()) == 0);
        List<String> committed = jdbc.queryForList("select event_id from outbox_event where tenant_id = ? order by seq",
                String.class, held.tenant().id());
        List<String> firstDeliveries = new ArrayList<>(new LinkedHashSet<>(EventTopic.readAll(broker.bootstrapServers(), topic)
                .stream().filter(event -> held.tenant().id().equals(event.key()))
                .map(event -> event.value().path("id").asText()).toList()));
        assertThat(firstDeliveries).as("the tenant's events, first deliveries in commit order").isEqualTo(committed)
                .doesNotContain(held.eventId());

        JsonNode events = held.tenant().admin().get("/api/admin/events").body();
        assertThat(events.path("relayHold").isNull()).isTrue();
        assertThat(events.path("parkedEvents").get(0).path("sequence").asLong()).isEqualTo(held.sequence());
        assertThat(events.path("parkedEvents").get(0).path("reason").asText()).contains("RecordTooLargeException");
        assertThat(events.path("parkedEvents").get(0).path("type").asText()).isEqualTo("com.reftab.scim.group.members.added");
    }

    @Test
    void aHoldShowsInTheMetricsTheHealthAndTheTenantsAdminApiButTheServiceStaysReady() throws Exception {
        double heldBefore = metric("reftab_outbox_held_tenants");
        Held held = heldTenant();

        assertThat(metric("reftab_outbox_held_tenants")).isEqualTo(heldBefore + 1);
        assertThat(metric("reftab_outbox_held_events")).isGreaterThanOrEqualTo(1);
        assertThat(health("/actuator/health")).isEqualTo("DEGRADED");
        assertThat(health("/actuator/health/pipeline")).isEqualTo("DEGRADED");
        assertThat(health("/actuator/health/readiness")).isEqualTo("UP");
        JsonNode hold = held.tenant().admin().get("/api/admin/events").body().path("relayHold");
        assertThat(hold.path("sequence").asLong()).isEqualTo(held.sequence());
        assertThat(hold.path("reason").asText()).contains("RecordTooLargeException");
        assertThat(hold.path("heldSince").asText()).isNotBlank();
        assertThat(held.tenant().admin().get("/api/admin/activity").body().path("relayHold").path("sequence").asLong())
                .as("what the console's activity screen shows as a banner").isEqualTo(held.sequence());

        release(held);

        assertThat(metric("reftab_outbox_held_tenants")).isEqualTo(heldBefore);
        if (heldBefore == 0) {
            assertThat(health("/actuator/health/pipeline")).isEqualTo("UP");
        }
    }

    @Test
    void aRetriedEventIsSentAgainAndOnceKafkaTakesItTheTenantGoesOn() throws Exception {
        Held held = heldTenant();
        assertThat(held.tenant().scim().patch("/scim/v2/Users/" + held.userIds().get(0), activePatch(false)).status())
                .isEqualTo(200);
        try {
            TopicLimit.set(broker.bootstrapServers(), topic, 1024 * 1024);

            HttpCalls.Reply retried = operator.post("/api/operator/tenants/" + held.tenant().id() + "/outbox-hold/retry",
                    "{\"sequence\":" + held.sequence() + "}");

            assertThat(retried.status()).isEqualTo(200);
            await().atMost(SECONDS).until(() -> waiting(held.tenant().id()) == 0);
            // Published is not yet applied: the projection consumes the event after the relay sent it.
            await().atMost(SECONDS).until(() -> "disabled".equals(
                    account(held.tenant(), held.userIds().get(0)).path("status").asText()));
            assertThat(EventTopic.readAll(broker.bootstrapServers(), topic)).extracting(event -> event.value().path("id").asText())
                    .contains(held.eventId());
        } finally {
            TopicLimit.set(broker.bootstrapServers(), topic, TOPIC_LIMIT);
        }
    }

    @Test
    void theOperatorNamesTheHeldEventAndOnlyTheOperatorMayLetATenantGoOn() {
        Held held = heldTenant();
        String park = "/api/operator/tenants/" + held.tenant().id() + "/outbox-hold/park";

        assertThat(new HttpCalls(port, "relay-hold-admin").post(park, "{\"sequence\":" + held.sequence() + "}").status())
                .isEqualTo(401);
        assertThat(operator.post(park, "{\"sequence\":" + (held.sequence() + 1) + "}").status()).isEqualTo(409);
        assertThat(operator.post(park, "{\"sequence\":\"x\"}").body().path("scimType").asText()).isEqualTo("invalidValue");
        assertThat(operator.post("/api/operator/tenants/" + tenants.create().id() + "/outbox-hold/park", "{\"sequence\":1}").status())
                .isEqualTo(404);
        assertThat(holdOf(held.tenant().id()).path("sequence").asLong()).isEqualTo(held.sequence());

        assertThat(park(held).status()).isEqualTo(200);
        assertThat(park(held).status()).as("parking twice").isEqualTo(404);
    }

    /**
     * A new tenant with users, and a group pushed with all of them as members under long display
     * names: one membership event larger than the topic takes. Returns once the tenant is held.
     */
    private Held heldTenant() {
        Tenant tenant = tenants.create();
        List<String> users = createUsers(tenant, 70);
        StringBuilder members = new StringBuilder();
        for (String user : users) {
            members.append(members.isEmpty() ? "" : ",").append("{\"value\":\"").append(user).append("\",\"display\":\"")
                    .append("d".repeat(500)).append("\"}");
        }
        HttpCalls.Reply group = tenant.scim().post("/scim/v2/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Everyone " + tenant.id() + "\",\"members\":[" + members + "]}");
        assertThat(group.status()).isEqualTo(201);
        JsonNode hold = await().atMost(SECONDS).until(() -> holdOf(tenant.id()), found -> !found.isMissingNode());
        assertThat(hold.path("type").asText()).isEqualTo("com.reftab.scim.group.members.added");
        return new Held(tenant, users, hold.path("sequence").asLong(), hold.path("eventId").asText());
    }

    private JsonNode holdOf(String tenantId) {
        for (JsonNode hold : operator.get("/api/operator/outbox-holds").body().path("holds")) {
            if (tenantId.equals(hold.path("tenant").asText())) {
                return hold;
            }
        }
        return MissingNode.getInstance();
    }

    private HttpCalls.Reply park(Held held) {
        return operator.post("/api/operator/tenants/" + held.tenant().id() + "/outbox-hold/park",
                "{\"sequence\":" + held.sequence() + "}");
    }

    /** Parks the refused event, so the test leaves no hold behind. */
    private void release(Held held) {
        assertThat(park(held).status()).isEqualTo(200);
    }

    /** One Bulk request of creates, as Okta's first import would send them. */
    private static List<String> createUsers(Tenant tenant, int count) {
        return new GroupCalls(tenant.scim()).usersInOneBulk(count,
                i -> oktaUser("user" + i + "-" + UUID.randomUUID() + "@" + tenant.id() + ".example", "User", "N" + i));
    }

    private static JsonNode account(Tenant tenant, String userId) {
        HttpCalls.Reply reply = tenant.admin().get("/api/admin/accounts/" + userId);
        return reply.status() == 200 ? reply.body() : MissingNode.getInstance();
    }

    private long waiting(String tenantId) {
        Long count = jdbc.queryForObject("select count(*) from outbox_event where tenant_id = ? and published_at is null",
                Long.class, tenantId);
        return count == null ? -1 : count;
    }

    private static String displayNamePatch(String displayName) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"" + displayName + "\"}]}";
    }

    private String health(String path) throws Exception {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).build(), BodyHandlers.ofString()).body()).path("status").asText();
    }

    private double metric(String name) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), BodyHandlers.ofString()).body();
        Matcher matcher = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.Ee+-]+)$").matcher(metrics);
        assertThat(matcher.find()).as(name + " on /actuator/prometheus").isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
