package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service in 256 MB of heap, its H2 database and in-process broker included, while one tenant
 * fills users to the resource bound and reads the largest pages and the disabled-users report as
 * fast as its in-flight bound lets it: the service keeps answering another tenant, and nothing runs
 * out of memory. Each largest page is 200 users of about 60 KB.
 */
class MemoryBoundsTest {

    private static final String SCIM_TOKEN = "memory-scim";
    private static final String ADMIN_TOKEN = "memory-admin";
    private static final String OPERATOR_TOKEN = "memory-operator";
    private static final int LARGE_USERS = 210;
    private static final Duration LOAD = Duration.ofSeconds(20);
    private static final Path LOGS = Path.of("target", "test-logs");

    @TempDir
    Path workDir;

    private ServiceProcess service;

    @AfterEach
    void stop() throws IOException {
        if (service != null) {
            service.close();
            // Kept for a look at the service's side of a failure; the data directory goes with the test.
            Files.writeString(Files.createDirectories(LOGS).resolve("MemoryBoundsTest-service.log"), service.log());
        }
    }

    /** A user of about 60 KB: 100 emails and 100 phone numbers (the count bound), each value 270 characters. */
    static String largeUser(String userName) {
        StringBuilder emails = new StringBuilder();
        StringBuilder phones = new StringBuilder();
        String pad = "x".repeat(250);
        for (int i = 0; i < 100; i++) {
            emails.append(i == 0 ? "" : ",").append("{\"type\":\"work\",\"value\":\"m").append(String.format("%03d", i))
                    .append(pad).append("@atko.example.com\"}");
            phones.append(i == 0 ? "" : ",").append("{\"type\":\"work\",\"value\":\"+1 555 ").append(String.format("%03d", i))
                    .append(" ").append(pad).append("\"}");
        }
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\","
                + "\"name\":{\"givenName\":\"Large\",\"familyName\":\"User\"},\"active\":true,"
                + "\"emails\":[" + emails + "],\"phoneNumbers\":[" + phones + "]}";
    }

    @Test
    void theLargestPagesReportsAndWritesOfOneTenantLeaveEveryTenantAnsweredIn256MbOfHeap() throws Exception {
        int port = ServiceProcess.freePort();
        Path gcLog = Files.createDirectories(LOGS).resolve("MemoryBoundsTest-gc.log").toAbsolutePath();
        service = ServiceProcess.start(workDir, List.of("-Xmx256m", "-Xlog:gc:file=" + gcLog),
                "service.log", List.of(
                "--server.port=" + port,
                "--reftab.kafka.local-port=" + ServiceProcess.freePort(),
                "--reftab.scim.token=" + SCIM_TOKEN,
                "--reftab.admin.token=" + ADMIN_TOKEN,
                "--reftab.operator.token=" + OPERATOR_TOKEN,
                "--reftab.scim.rate-limit.per-minute=0"));
        HttpCalls large = new HttpCalls(port, SCIM_TOKEN);
        HttpCalls largeAdmin = new HttpCalls(port, ADMIN_TOKEN);
        service.awaitReady(large);
        HttpCalls.Reply other = new HttpCalls(port, OPERATOR_TOKEN)
                .post("/api/operator/tenants", "{\"id\":\"other\",\"name\":\"Other\"}");
        assertThat(other.status()).isEqualTo(201);
        HttpCalls small = new HttpCalls(port, other.body().path("scimToken").asText());
        HttpCalls smallAdmin = new HttpCalls(port, other.body().path("adminToken").asText());

        ExecutorService pool = Executors.newFixedThreadPool(12);
        AtomicBoolean running = new AtomicBoolean(true);
        try {
            fill(large, pool);
            Map<String, Integer> refusals = new ConcurrentHashMap<>();
            List<Future<?>> load = new ArrayList<>();
            for (int reader = 0; reader < 8; reader++) {
                int start = 1 + (reader % 2) * 10;
                load.add(pool.submit(() -> repeat(running, refusals, "page",
                        () -> large.getText("/scim/v2/Users?count=200&startIndex=" + start))));
            }
            load.add(pool.submit(() -> repeat(running, refusals, "report",
                    () -> largeAdmin.getText("/api/admin/reports/disabled-users.csv"))));
            load.add(pool.submit(() -> repeat(running, refusals, "write",
                    () -> large.post("/scim/v2/Users", largeUser("more-" + UUID.randomUUID() + "@atko.com")).raw())));

            List<Long> otherLatencies = new ArrayList<>();
            String lastDeactivated = null;
            long end = System.nanoTime() + LOAD.toNanos();
            while (System.nanoTime() < end) {
                long started = System.nanoTime();
                HttpCalls.Reply created = small.post("/scim/v2/Users",
                        oktaUser("other-" + UUID.randomUUID() + "@atko.com", "Other", "Tenant"));
                assertThat(created.status()).as("the other tenant's create").isEqualTo(201);
                lastDeactivated = created.body().path("id").asText();
                assertThat(small.patch("/scim/v2/Users/" + lastDeactivated, activePatch(false)).status()).isEqualTo(200);
                assertThat(small.get("/scim/v2/Users?count=1").status()).isEqualTo(200);
                otherLatencies.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
            }
            running.set(false);
            for (Future<?> reader : load) {
                reader.get(60, TimeUnit.SECONDS);
            }

            assertThat(refusals).as("answers of the loaded tenant other than 2xx, 429 and 400").isEmpty();
            assertThat(otherLatencies).as("each of the other tenant's create, deactivate and lookup, in ms")
                    .isNotEmpty().allSatisfy(millis -> assertThat(millis).isLessThan(2_000 * 3));
            String deactivated = lastDeactivated;
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                    !smallAdmin.get("/api/admin/accounts/" + deactivated).body().path("canLogin").asBoolean(true));
            assertThat(service.isAlive()).isTrue();
            assertThat(service.log()).doesNotContain("OutOfMemoryError");
        } finally {
            // The load stops on a failure too: its loops end on this flag, not on an interrupt.
            running.set(false);
            pool.shutdownNow();
        }
    }

    /** Users at the bound, a third of them disabled for the report. */
    private static void fill(HttpCalls scim, ExecutorService pool) throws Exception {
        List<Future<?>> writes = new ArrayList<>();
        for (int batch : IntStream.range(0, 4).toArray()) {
            writes.add(pool.submit(() -> {
                for (int i = batch; i < LARGE_USERS; i += 4) {
                    HttpCalls.Reply created = scim.post("/scim/v2/Users", largeUser("large-" + i + "-" + UUID.randomUUID() + "@atko.com"));
                    assertThat(created.status()).as("a user at the bound is taken").isEqualTo(201);
                    if (i % 3 == 0) {
                        assertThat(scim.patch("/scim/v2/Users/" + created.body().path("id").asText(), activePatch(false)).status())
                                .isEqualTo(200);
                    }
                }
                return null;
            }));
        }
        for (Future<?> write : writes) {
            write.get(5, TimeUnit.MINUTES);
        }
    }

    private interface Call {
        HttpResponse<String> send();
    }

    /** Sends the call until told to stop, keeping any answer that is neither a success nor a bounded refusal. */
    private static void repeat(AtomicBoolean running, Map<String, Integer> refusals, String name, Call call) {
        while (running.get()) {
            int status;
            try {
                status = call.send().statusCode();
            } catch (RuntimeException failed) {
                refusals.merge(name + " " + failed.getClass().getSimpleName(), 1, Integer::sum);
                continue;
            }
            if (status >= 500 || (status >= 300 && status != 429 && status != 400)) {
                refusals.merge(name + " " + status, 1, Integer::sum);
            }
        }
    }
}
