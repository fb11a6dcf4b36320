package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The way from the event topic to the user store, with its real broker and a database server of
 * its own that the tests take away: how far behind the store is (metric, health, the tenant's
 * admin API), and that the consumers wait out a database outage without skipping or parking.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserStorePipelineTest {

    private static final String SCIM_TOKEN = "pipeline-scim";
    private static final String ADMIN_TOKEN = "pipeline-admin";
    private static final String OPERATOR_TOKEN = "pipeline-operator";
    private static final String PROJECTION = "account-projection";
    private static final String ROLE_MAPPING = "role-mapping";
    private static final String PROJECTION_GROUP = "reftab-account-projection";
    /** The pipeline's delay bound in this service: short, so a test can pass it. */
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);

    StoppableDatabase database;
    ConfigurableApplicationContext service;
    CamelContext camel;
    JdbcTemplate jdbc;
    MeterRegistry metrics;
    HttpCalls scim;
    HttpCalls admin;
    HttpCalls probes;
    int port;

    StoppableDatabase startDatabase(Path directory) {
        return StoppableH2.startIn(directory);
    }

    @BeforeAll
    void startTheDatabaseAndTheService(@TempDir Path dataDir) {
        database = startDatabase(dataDir.resolve("database"));
        service = InProcessService.start(dataDir.resolve("service"), database,
                "--reftab.scim.token=" + SCIM_TOKEN, "--reftab.admin.token=" + ADMIN_TOKEN,
                "--reftab.operator.token=" + OPERATOR_TOKEN,
                "--reftab.pipeline.max-delay=" + MAX_DELAY.toSeconds() + "s",
                "--reftab.outbox.poll-interval-ms=50",
                // A consumer meets the outage within a second or two, and retries it quickly.
                "--spring.datasource.hikari.connection-timeout=1000",
                "--reftab.consumers.outage-retries=1",
                "--reftab.consumers.retry-delay-ms=20",
                "--management.prometheus.metrics.export.enabled=true");
        port = InProcessService.port(service);
        camel = service.getBean(CamelContext.class);
        jdbc = service.getBean(JdbcTemplate.class);
        metrics = service.getBean(MeterRegistry.class);
        scim = new HttpCalls(port, SCIM_TOKEN);
        admin = new HttpCalls(port, ADMIN_TOKEN);
        probes = InProcessService.probes(service);
    }

    @AfterAll
    void stopTheServiceAndTheDatabase() {
        InProcessService.stop(service, database);
    }

    /** A test that stopped the database or a consumer started it again. */
    @BeforeEach
    void everythingRuns() throws Exception {
        database.start();
        for (String route : List.of(PROJECTION, ROLE_MAPPING)) {
            if (camel.getRouteController().getRouteStatus(route) != ServiceStatus.Started) {
                camel.getRouteController().startRoute(route);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> scim.get("/scim/v2/Users?count=0").status() == 200);
    }

    @Test
    void aDeactivationWaitingPastTheBoundDegradesHealthAndShowsAsLateUntilItIsApplied() throws Exception {
        String id = createUser();
        HttpCalls otherTenant = new Tenants(port, OPERATOR_TOKEN, "pipeline").create().admin();
        await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(accountStatus(id)));
        long deactivationsBefore = deactivationDelay().count();

        camel.getRouteController().stopRoute(PROJECTION);
        assertThat(scim.patch("/scim/v2/Users/" + id, activePatch(false)).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpCalls.Reply health = probes.get("/actuator/health/pipeline");
            assertThat(health.body().path("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.body().path("components").path("userStore").path("details").path(PROJECTION_GROUP)
                    .path("oldestUnappliedAgeSeconds").asDouble()).isGreaterThan(MAX_DELAY.toSeconds());
            assertThat(oldestUnappliedAge()).isGreaterThan(MAX_DELAY.toSeconds());
            HttpCalls.Reply pipeline = admin.get("/api/admin/pipeline");
            assertThat(pipeline.body().path("deactivationsLate").asBoolean()).isTrue();
            assertThat(pipeline.body().path("pendingDeactivations").path("late").asInt()).isEqualTo(1);
            assertThat(pipeline.body().path("userStore").path("behind").asBoolean()).isTrue();
        });
        HttpCalls.Reply otherPipeline = otherTenant.get("/api/admin/pipeline");
        assertThat(otherPipeline.body().path("deactivationsLate").asBoolean()).as("another tenant's").isFalse();
        assertThat(otherPipeline.body().path("pendingDeactivations").path("count").asInt()).isZero();
        assertThat(otherPipeline.body().path("userStore").path("behind").asBoolean()).as("the service's").isTrue();
        assertThat(scim.get("/api/admin/pipeline").status()).as("a SCIM token").isEqualTo(401);
        assertThat(status("/actuator/health/readiness")).as("the API keeps serving").isEqualTo("UP");
        assertThat(probes.get("/actuator/health/pipeline").status()).as("an alert, not an outage").isEqualTo(200);
        assertThat(accountStatus(id)).as("the account can still log in").isEqualTo("active");

        camel.getRouteController().startRoute(PROJECTION);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(accountStatus(id)).isEqualTo("disabled");
            assertThat(status("/actuator/health/pipeline")).isEqualTo("UP");
            assertThat(oldestUnappliedAge()).isLessThan(MAX_DELAY.toSeconds());
            HttpCalls.Reply pipeline = admin.get("/api/admin/pipeline");
            assertThat(pipeline.body().path("deactivationsLate").asBoolean()).isFalse();
            assertThat(pipeline.body().path("pendingDeactivations").path("count").asInt()).isZero();
        });
        Timer delay = deactivationDelay();
        assertThat(delay.count()).isEqualTo(deactivationsBefore + 1);
        assertThat(delay.max(TimeUnit.MILLISECONDS)).as("measured from the deactivation to its commit")
                .isGreaterThan(MAX_DELAY.toMillis());
        String prometheus = probes.getText("/actuator/prometheus").body();
        assertThat(prometheus).contains("reftab_consumer_oldest_age_seconds{group=\"" + PROJECTION_GROUP + "\"}")
                .contains("reftab_deactivation_delay_seconds_bucket{le=\"2.0\"}");
    }

    @Test
    void aDeactivationAppliedInTimeIsMeasuredAndNeverLate() {
        String id = createUser();
        long before = deactivationDelay().count();

        assertThat(scim.delete("/scim/v2/Users/" + id).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).until(() -> "disabled".equals(accountStatus(id)));
        await().atMost(Duration.ofSeconds(5)).until(() -> deactivationDelay().count() > before);
        HttpCalls.Reply pipeline = admin.get("/api/admin/pipeline");
        assertThat(pipeline.status()).isEqualTo(200);
        assertThat(pipeline.body().path("deactivationsLate").asBoolean()).isFalse();
        assertThat(pipeline.body().path("pendingDeactivations").path("count").asInt()).isZero();
        assertThat(pipeline.body().path("maxDelaySeconds").asDouble()).isEqualTo(MAX_DELAY.toSeconds());
        assertThat(pipeline.body().path("deactivationDelay").path("recentP99Seconds").isNumber()).isTrue();
    }

    @Test
    void aDatabaseOutageUnderTheConsumersIsWaitedOutAndEveryEventAppliedOnceInOrder() throws Exception {
        camel.getRouteController().stopRoute(PROJECTION);
        camel.getRouteController().stopRoute(ROLE_MAPPING);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(createUser());
        }
        assertThat(scim.patch("/scim/v2/Users/" + users.get(0), activePatch(false)).status()).isEqualTo(200);
        assertThat(scim.patch("/scim/v2/Users/" + users.get(1), activePatch(false)).status()).isEqualTo(200);
        assertThat(scim.patch("/scim/v2/Users/" + users.get(1), activePatch(true)).status()).isEqualTo(200);
        assertThat(scim.delete("/scim/v2/Users/" + users.get(2)).status()).isEqualTo(204);
        int userEvents = users.size() + 4;
        await().atMost(Duration.ofSeconds(30)).until(
                () -> jdbc.queryForObject("select count(*) from outbox_event where published_at is null", Long.class) == 0);
        Map<String, Object> directory = directoryState(users);
        long appliedBefore = projectionDelay().count();
        long parkedBefore = jdbc.queryForObject("select count(*) from dead_letter_event", Long.class);

        database.stop();
        NotifyBuilder projectionFailed = new NotifyBuilder(camel).fromRoute(PROJECTION).whenFailed(1).create();
        NotifyBuilder roleMappingFailed = new NotifyBuilder(camel).fromRoute(ROLE_MAPPING).whenFailed(1).create();
        camel.getRouteController().startRoute(PROJECTION);
        camel.getRouteController().startRoute(ROLE_MAPPING);
        assertThat(projectionFailed.matches(30, TimeUnit.SECONDS)).as("the projection met the outage").isTrue();
        assertThat(roleMappingFailed.matches(30, TimeUnit.SECONDS)).as("the role mapping met the outage").isTrue();
        database.start();

        // The test's own reads may still find the database coming back up.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(DataAccessException.class).untilAsserted(() -> {
            assertThat(accountState(users)).as("every account as the directory has it").isEqualTo(directory);
            assertThat(jdbc.queryForObject("select count(*) from account_access where user_id in ("
                    + String.join(", ", users.stream().map(u -> "?").toList()) + ")", Long.class, users.toArray()))
                    .as("every user's role placed").isEqualTo(users.size());
        });
        assertThat(projectionDelay().count() - appliedBefore)
                .as("each event applied once, none found already applied: none skipped, none out of order")
                .isEqualTo(userEvents);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_event", Long.class))
                .as("an outage parks nothing").isEqualTo(parkedBefore);
    }

    private String createUser() {
        HttpCalls.Reply created = scim.post("/scim/v2/Users",
                oktaUser("pipeline-" + UUID.randomUUID() + "@atko.com", "Pipe", "Line"));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private String accountStatus(String id) {
        return jdbc.queryForList("select status from account where user_id = ?", String.class, id).stream()
                .findFirst().orElse(null);
    }

    /** Each user's version and whether they may log in, as the directory has it (a deleted user: disabled). */
    private Map<String, Object> directoryState(List<String> ids) {
        Map<String, Object> state = new TreeMap<>();
        for (String id : ids) {
            List<Map<String, Object>> user = jdbc.queryForList("select version, active from scim_user where id = ?", id);
            state.put(id, user.isEmpty() ? "deleted" : user.get(0).get("version") + " "
                    + (Boolean.TRUE.equals(user.get(0).get("active")) ? "active" : "disabled"));
        }
        return state;
    }

    private Map<String, Object> accountState(List<String> ids) {
        Map<String, Object> state = new TreeMap<>();
        for (String id : ids) {
            List<Map<String, Object>> account = jdbc.queryForList("select version, status, deleted from account where user_id = ?", id);
            state.put(id, account.isEmpty() ? null : Boolean.TRUE.equals(account.get(0).get("deleted")) ? "deleted"
                    : account.get(0).get("version") + " " + account.get(0).get("status"));
        }
        return state;
    }

    private String status(String path) {
        return probes.get(path).body().path("status").asText();
    }

    private double oldestUnappliedAge() {
        return metrics.get("reftab.consumer.oldest.age").tag("group", PROJECTION_GROUP).gauge().value();
    }

    private Timer deactivationDelay() {
        return metrics.get("reftab.deactivation.delay").timer();
    }

    private Timer projectionDelay() {
        return metrics.get("reftab.projection.delay").timer();
    }
}
