package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import com.reftab.scim.http.ErrorReplyWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service on a database server of its own (an H2 TCP server here), which the tests stop and
 * start again. The service runs with its configured timeouts: while the database is away a SCIM
 * request is answered within {@link #BOUND} with a 503 SCIM error and Retry-After, and the
 * service recovers by itself when it returns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseUnreachableTest {

    /** The bound README promises for an answer while the database is down or stuck. */
    static final Duration BOUND = Duration.ofSeconds(5);
    private static final String SCIM_TOKEN = "database-outage-scim";

    StoppableDatabase database;
    ConfigurableApplicationContext service;
    HttpCalls scim;
    private HttpCalls probes;

    StoppableDatabase startDatabase(Path directory) {
        return StoppableH2.startIn(directory);
    }

    @BeforeAll
    void startTheDatabaseAndTheService(@TempDir Path dataDir) {
        database = startDatabase(dataDir.resolve("database"));
        service = InProcessService.start(dataDir.resolve("service"), database,
                "--reftab.scim.token=" + SCIM_TOKEN, "--reftab.admin.token=database-outage-admin",
                // The default (30 s) leaves room for a large group push; the test's slow transaction needs less.
                "--reftab.db.transaction-timeout-seconds=4");
        scim = new HttpCalls(InProcessService.port(service), SCIM_TOKEN);
        probes = InProcessService.probes(service);
    }

    @AfterAll
    void stopTheServiceAndTheDatabase() {
        InProcessService.stop(service, database);
    }

    /** A test that stopped the server started it again; the pool may take a few seconds to notice. */
    @BeforeEach
    void theServiceServesAgain() {
        database.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> scim.get("/scim/v2/Users?count=0").status() == 200);
    }

    @Test
    void whileTheDatabaseIsDownScimAnswers503WithRetryAfterAndRecoversWhenItReturns() {
        String userName = "outage-" + UUID.randomUUID() + "@atko.com";
        HttpCalls.Reply created = scim.post("/scim/v2/Users", oktaUser(userName, "Out", "Age"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        String refusedUserName = "during-outage-" + UUID.randomUUID() + "@atko.com";

        database.stop();
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
            database.start();
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

    static void assertUnavailableWithinBound(Supplier<HttpCalls.Reply> call) {
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
