package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service (its H2 database and in-process broker included) killed with SIGKILL while
 * Okta-like writes are in flight, then started again on the same data directory: every
 * acknowledged change is still there, every one reached the topic, and the user store converges
 * on the directory.
 */
class CrashRecoveryTest {

    private static final String SCIM_TOKEN = "crash-scim";
    private static final String ADMIN_TOKEN = "crash-admin";

    @TempDir
    Path dataDir;

    private ServiceProcess service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyAcknowledgedChangeSurvivesAKillDuringWritesAndTheUserStoreCatchesUp() throws Exception {
        int port = ServiceProcess.freePort();
        int brokerPort = ServiceProcess.freePort();
        HttpCalls scim = new HttpCalls(port, SCIM_TOKEN);
        service = start(port, brokerPort, "first.log").awaitReady(scim);

        Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        Set<String> createdAcknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            writers.submit(() -> write(scim, acknowledged, createdAcknowledged, writing));
        }
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 60);
            service.kill();
        } finally {
            // The writers stop on a failure too: their loops end on this flag.
            writing.set(false);
            writers.shutdown();
        }
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        service = start(port, brokerPort, "second.log").awaitReady(scim);

        Map<String, Boolean> directory = directory(scim);
        assertThat(directory).as("every acknowledged user with its acknowledged state").containsAllEntriesOf(acknowledged);
        HttpCalls admin = new HttpCalls(port, ADMIN_TOKEN);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> accounts(admin).equals(directory));
        Set<String> created = EventTopic.readAll("127.0.0.1:" + brokerPort, "reftab.scim.events").stream()
                .filter(event -> event.type().equals("com.reftab.scim.user.created"))
                .map(event -> event.value().path("data").path("id").asText())
                .collect(Collectors.toSet());
        assertThat(created).as("a user.created event for every acknowledged user").containsAll(createdAcknowledged);
    }

    /**
     * Creates users and deactivates every third, recording only what the service acknowledged. A
     * deactivation cut off by the kill may or may not have happened: its user's state is not asserted.
     */
    private static void write(HttpCalls scim, Map<String, Boolean> acknowledged, Set<String> createdAcknowledged,
                              AtomicBoolean writing) {
        int n = 0;
        while (writing.get()) {
            String inDoubt = null;
            try {
                HttpCalls.Reply created = scim.post("/scim/v2/Users",
                        oktaUser("crash-" + UUID.randomUUID() + "@atko.com", "Crash", "Recovery"));
                if (created.status() != 201) {
                    continue;
                }
                String id = created.body().path("id").asText();
                createdAcknowledged.add(id);
                acknowledged.put(id, true);
                if (++n % 3 == 0) {
                    inDoubt = id;
                    acknowledged.remove(id);
                    int status = scim.patch("/scim/v2/Users/" + id, activePatch(false)).status();
                    acknowledged.put(id, status != 200);
                }
            } catch (RuntimeException connectionLost) {
                if (inDoubt != null) {
                    acknowledged.remove(inDoubt);
                }
                if (!writing.get()) {
                    return;
                }
            }
        }
    }

    private ServiceProcess start(int port, int brokerPort, String log) {
        return ServiceProcess.start(dataDir, List.of("-Xmx384m"), log, List.of(
                "--server.port=" + port,
                "--reftab.kafka.local-port=" + brokerPort,
                "--reftab.scim.token=" + SCIM_TOKEN,
                "--reftab.admin.token=" + ADMIN_TOKEN,
                "--reftab.outbox.poll-interval-ms=50",
                "--reftab.scim.rate-limit.per-minute=0"));
    }

    private static Map<String, Boolean> directory(HttpCalls scim) {
        Map<String, Boolean> users = new HashMap<>();
        for (int start = 1; ; start += 200) {
            JsonNode page = scim.get("/scim/v2/Users?attributes=active&count=200&startIndex=" + start).body();
            page.path("Resources").forEach(user -> users.put(user.path("id").asText(), user.path("active").asBoolean()));
            if (start + 200 > page.path("totalResults").asInt()) {
                return users;
            }
        }
    }

    private static Map<String, Boolean> accounts(HttpCalls admin) {
        Map<String, Boolean> accounts = new HashMap<>();
        for (int start = 1; ; start += 500) {
            JsonNode page = admin.get("/api/admin/accounts?count=500&startIndex=" + start).body();
            page.path("accounts").forEach(a -> accounts.put(a.path("id").asText(), "active".equals(a.path("status").asText())));
            if (start + 500 > page.path("totalResults").asInt()) {
                return accounts;
            }
        }
    }
}
