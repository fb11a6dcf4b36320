package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.reftab.scim.it.Tenants.Tenant;
import com.reftab.scim.it.TricklingClients.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hundreds of connections trickling request bodies one byte every few seconds, without a token or
 * with the tokens of a tenant over its limits, leave another tenant's requests fast: each of them
 * is refused before its body and its connection closed, so none holds a request thread. The
 * server keeps its default threads (200) and timeouts (20 s between bytes, 30 s for a body):
 * while refused requests still had their bodies read or drained, 260 such clients held them all.
 */
@RateLimitedIntegrationTest
class TricklingClientsTest {

    /** As many as this machine sustains beside the server, more than the server has request threads. */
    private static final int CONNECTIONS = 260;
    private static final Duration BYTE_EVERY = Duration.ofSeconds(3);
    private static final int TRIES = 14;
    private static final Duration FAST = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    Tenants tenants;

    @BeforeEach
    void tenants() {
        tenants = new Tenants(port, "trickle");
    }

    private record Try(int status, Duration took) {
    }

    @Test
    void clientsWithoutATokenTricklingBodiesLeaveATenantsRequestsFast() {
        Probe tenant = probe(tenants.create().scimToken());
        List<Target> targets = List.of(new Target("/api/operator/tenants", null), new Target("/api/no-such-endpoint", null),
                new Target("/scim/v2/Users", null), new Target("/api/admin/roles", null));

        try (TricklingClients attack = new TricklingClients(port, targets, CONNECTIONS, BYTE_EVERY)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> attack.opened() >= CONNECTIONS);

            assertThat(tries(tenant)).hasSize(TRIES).allSatisfy(this::answeredFast);
            assertThat(attack.statuses()).containsOnlyKeys(401);
        }
    }

    @Test
    void aTenantOverItsLimitsTricklingBodiesLeavesAnotherTenantsRequestsFast() {
        Probe tenant = probe(tenants.create().scimToken());
        Tenant overLimits = tenants.create();
        String scimToken = overLimits.scimToken();
        List<Target> targets = List.of(new Target("/scim/v2/Users", scimToken),
                new Target("/api/admin/roles", overLimits.adminToken()),
                new Target("/api/no-such-endpoint", scimToken));

        try (TricklingClients attack = new TricklingClients(port, targets, CONNECTIONS, BYTE_EVERY)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> attack.opened() >= CONNECTIONS);

            assertThat(tries(tenant)).hasSize(TRIES).allSatisfy(this::answeredFast);
            assertThat(attack.statuses()).containsKey(429);
        }
    }

    private void answeredFast(Try attempt) {
        assertThat(attempt.status()).isEqualTo(200);
        assertThat(attempt.took()).isLessThan(FAST);
    }

    /** The tenant's client, its connection open and one request answered: what is timed is the service, not a cold client. */
    private record Probe(HttpClient client, HttpRequest request) {
    }

    private Probe probe(String token) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/scim/v2/Users?count=1"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).GET().build();
        assertThat(timed(client, request).status()).isEqualTo(200);
        return new Probe(client, request);
    }

    /** The tenant's list request once a second, until {@link #TRIES} are answered or one is slow. */
    private List<Try> tries(Probe probe) {
        HttpClient client = probe.client();
        HttpRequest request = probe.request();
        List<Try> tries = new CopyOnWriteArrayList<>();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try {
            pace.scheduleAtFixedRate(() -> tries.add(timed(client, request)), 0, 1, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(TRIES * 6L)).until(() -> tries.size() >= TRIES
                    || tries.stream().anyMatch(attempt -> attempt.status() != 200 || attempt.took().compareTo(FAST) >= 0));
        } finally {
            pace.shutdownNow();
        }
        return List.copyOf(tries);
    }

    private static Try timed(HttpClient client, HttpRequest request) {
        long started = System.nanoTime();
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        return new Try(status, Duration.ofNanos(System.nanoTime() - started));
    }
}
