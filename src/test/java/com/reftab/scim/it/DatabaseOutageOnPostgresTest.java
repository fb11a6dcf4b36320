package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import com.reftab.scim.ReftabScimApplication;
import com.reftab.scim.http.ErrorReplyWriter;
import com.reftab.scim.postgres.StoppablePostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service on a PostgreSQL server of its own, which the tests stop, start again and lock. The
 * service runs with its configured timeouts: whatever the database does, a SCIM request is
 * answered within {@link #BOUND}, with a 503 SCIM error and Retry-After when the database cannot
 * serve it, and the service recovers by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageOnPostgresTest {

    /** The bound README promises for an answer while the database is down or stuck. */
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final String SCIM_TOKEN = "database-outage-scim";

    private StoppablePostgres postgres;
    private ConfigurableApplicationContext service;
    private HttpCalls scim;
    private HttpCalls probes;

    @BeforeAll
    void startPostgresAndTheService(@TempDir Path dataDir) {
        postgres = StoppablePostgres.startIn(dataDir.resolve("postgres"));
        service = new SpringApplicationBuilder(ReftabScimApplication.class).run("--server.port=0",
                "--reftab.data-dir=" + dataDir.resolve("service"),
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=",
                "--reftab.scim.token=" + SCIM_TOKEN, "--reftab.admin.token=database-outage-admin",
                "--reftab.scim.rate-limit.per-minute=0",
                "--camel.component.kafka.poll-timeout-ms=200");
        int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
        scim = new HttpCalls(port, SCIM_TOKEN);
        // Actuator does not speak application/scim+json, which the client asks for first.
        probes = new HttpCalls(port, null).withHeader("Accept", "application/json");
    }

    @AfterAll
    void stopTheServiceAndPostgres() {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A test that stopped the server started it again; the pool may take a few seconds to notice. */
    @BeforeEach
    void theServiceServesAgain() {
        postgres.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> scim.get("/scim/v2/Users?count=0").status() == 200);
    }

    @Test
    void whileTheDatabaseIsDownScimAnswers503WithRetryAfterAndRecoversWhenItReturns() {
        String userName = "outage-" + UUID.randomUUID() + "@atko.com";
        HttpCalls.Reply created = scim.post("/scim/v2/Users", oktaUser(userName, "Out", "Age"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        String refusedUserName = "during-outage-" + UUID.randomUUID() + "@atko.com";

        postgres.stop();
        try {
            assertUnavailableWithinBound(() -> scim.get("/scim/v2/Users/" + id));
            assertUnavailableWithinBound(() -> scim.post("/scim/v2/Users", oktaUser(refusedUserName, "Dur", "Ing")));
            assertUnavailableWithinBound(() -> scim.patch("/scim/v2/Users/" + id, activePatch(false)));

            HttpCalls.Reply readiness = probes.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.body().path("status").asText()).isEqualTo("DOWN");
            HttpCalls.Reply liveness = probes.get("/actuator/health/liveness");
            assertThat(liveness.status()).isEqualTo(200);
            assertThat(liveness.body().path("status").asText()).isEqualTo("UP");
        } finally {
            postgres.start();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(scim.get("/scim/v2/Users/" + id).status()).isEqualTo(200));
        assertThat(probes.get("/actuator/health/readiness").body().path("status").asText()).isEqualTo("UP");
        HttpCalls.Reply user = scim.get("/scim/v2/Users/" + id);
        assertThat(user.body().path("userName").asText()).isEqualTo(userName);
        assertThat(user.body().path("active").asBoolean()).isTrue();
        assertThat(scim.get("/scim/v2/Users?filter=userName%20eq%20%22" + refusedUserName + "%22")
                .body().path("totalResults").asInt()).isZero();
    }

    @Test
    void aReadStuckBehindALockIsAnswered503WithinTheBound() throws Exception {
        String id = scim.post("/scim/v2/Users", oktaUser("locked-read-" + UUID.randomUUID() + "@atko.com", "Locked", "Read"))
                .body().path("id").asText();

        try (Connection blocker = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
             Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("lock table scim_user in access exclusive mode");

            assertUnavailableWithinBound(() -> scim.get("/scim/v2/Users/" + id));
            blocker.rollback();
        }
        assertThat(scim.get("/scim/v2/Users/" + id).status()).isEqualTo(200);
    }

    @Test
    void aWriteStuckBehindALockedRowIsAnswered503WithinTheBoundAndChangesNothing() throws Exception {
        String id = scim.post("/scim/v2/Users", oktaUser("locked-write-" + UUID.randomUUID() + "@atko.com", "Locked", "Write"))
                .body().path("id").asText();

        try (Connection blocker = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
             Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("select id from scim_user where id = '" + id + "' for update");

            assertUnavailableWithinBound(() -> scim.patch("/scim/v2/Users/" + id, activePatch(false)));
            blocker.rollback();
        }
        assertThat(scim.get("/scim/v2/Users/" + id).body().path("active").asBoolean()).isTrue();
    }

    @Test
    void aRequestTransactionOfManySlowStatementsEndsAtItsTimeout() {
        TransactionTemplate requestTransactions = service.getBean(TransactionTemplate.class);
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);

        long started = System.nanoTime();
        Throwable failure = catchThrowable(() -> requestTransactions.executeWithoutResult(status -> {
            for (int i = 0; i < 3; i++) {
                jdbc.execute("select pg_sleep(2)");
            }
        }));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(ErrorReplyWriter.replyFor(failure).status()).isEqualTo(503);
        assertThat(elapsed).isLessThan(BOUND);
    }

    private static void assertUnavailableWithinBound(Supplier<HttpCalls.Reply> call) {
        long started = System.nanoTime();
        HttpCalls.Reply reply = call.get();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body().path("schemas").get(0).asText()).isEqualTo(ErrorReplyWriter.ERROR_SCHEMA);
        assertThat(reply.body().path("status").asText()).isEqualTo("503");
        assertThat(reply.header("Retry-After")).isNotBlank();
        assertThat(elapsed).isLessThan(BOUND);
    }
}
