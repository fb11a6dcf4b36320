package com.reftab.scim.it;

import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.it.Tenants.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Very large bodies and a tenant holding many requests open: refused early, with a SCIM error,
 * while other tenants are served. The connection timeouts are the configured ones, so a refusal
 * that waited for a body would show as no answer within the bound.
 */
@ScimIntegrationTest
@TestPropertySource(properties = "reftab.scim.in-flight-per-tenant=2")
class RequestBoundsTest {

    private static final int LIMIT = 1_048_576;
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    Tenants tenants;

    @BeforeEach
    void tenants() {
        tenants = new Tenants(port, "bounds");
    }

    @RegisterExtension
    final OpenConnections connections = new OpenConnections(() -> port);

    /** Takes the tenant's two in-flight places with uploads stalled mid-body, until it is refused; returns them. */
    private List<RawConnection> stallAtItsInFlightBound(Tenant tenant) {
        List<RawConnection> stalled = List.of(connections.open(), connections.open());
        stalled.forEach(upload -> upload.head("POST", "/scim/v2/Users", tenant.scimToken(), "Content-Length: 1000")
                .send("{\"user"));
        await().atMost(PROMPTLY).until(() -> tenant.scim().get("/scim/v2/Users").status() == 429);
        return stalled;
    }

    private static void assertScimError(RawConnection connection, int status) {
        assertThat(connection.status()).isEqualTo(status);
        assertThat(connection.received()).containsIgnoringCase("Content-Type: application/scim+json")
                .contains("urn:ietf:params:scim:api:messages:2.0:Error")
                .contains("\"status\":\"" + status + "\"");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413AsSoonAsItPassesTheLimitAndTheConnectionIsClosed() {
        RawConnection upload = connections.open().head("POST", "/scim/v2/Users", ScimIntegrationTest.SCIM_TOKEN,
                "Transfer-Encoding: chunked");
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int sent = 0; sent < LIMIT; sent += chunk.length) {
            upload.send(Integer.toHexString(chunk.length) + "\r\n").send(chunk).send("\r\n");
        }
        upload.send("1\r\nx\r\n");

        // The body never ends: only a refusal made at the limit can answer it.
        await().atMost(PROMPTLY).until(upload::closedByServer);
        assertScimError(upload, 413);
    }

    @Test
    void aDeclaredTenMegabyteBodyIsRefusedWith413WithoutBeingReadAndTheConnectionIsClosed() {
        RawConnection upload = connections.open().head("POST", "/scim/v2/Users", ScimIntegrationTest.SCIM_TOKEN,
                "Content-Length: " + 10 * LIMIT);

        await().atMost(PROMPTLY).until(upload::closedByServer);
        assertScimError(upload, 413);
    }

    @Test
    void aWrongTokenIsRefusedBeforeTheBodyIsRead() {
        RawConnection upload = connections.open().head("POST", "/scim/v2/Users", "not-a-token", "Content-Length: 1000");

        await().atMost(PROMPTLY).until(upload::answered);
        assertScimError(upload, 401);
    }

    @Test
    void aTenantAtItsInFlightBoundGets429WhileAnotherTenantIsServed() {
        Tenant busy = tenants.create();
        HttpCalls other = tenants.create().scim();
        stallAtItsInFlightBound(busy);

        HttpCalls.Reply refused = busy.scim().get("/scim/v2/Users");
        HttpCalls.Reply served = other.get("/scim/v2/Users");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.body().path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(served.status()).isEqualTo(200);
    }

    @Test
    void aTenantAtItsInFlightBoundIsRefusedBeforeTheBodyAndTheConnectionClosed() {
        Tenant busy = tenants.create();
        stallAtItsInFlightBound(busy);

        RawConnection refused = connections.open().head("POST", "/scim/v2/Users", busy.scimToken(), "Content-Length: 1000");

        // Well within the connection timeout (20 s) that a drained body would wait out.
        await().atMost(Duration.ofSeconds(2)).until(refused::closedByServer);
        assertScimError(refused, 429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(refused.received()).contains("reftab.scim.in-flight-per-tenant");
    }

    @Test
    void theOperatorHasAnInFlightBoundToo() {
        List<RawConnection> stalled = List.of(connections.open(), connections.open());
        stalled.forEach(upload -> upload.head("POST", "/api/operator/tenants", ScimIntegrationTest.OPERATOR_TOKEN,
                "Content-Length: 1000").send("{\"id"));
        HttpCalls operator = new HttpCalls(port, ScimIntegrationTest.OPERATOR_TOKEN);

        await().atMost(PROMPTLY).until(() -> operator.get("/api/operator/tenants").status() == 429);
        stalled.forEach(RawConnection::close);
        await().atMost(PROMPTLY).until(() -> operator.get("/api/operator/tenants").status() == 200);
    }

    @Test
    void aTenantIsServedAgainOnceItsHeldRequestsEnd() {
        Tenant busy = tenants.create();
        List<RawConnection> stalled = stallAtItsInFlightBound(busy);

        stalled.forEach(RawConnection::close);

        await().atMost(PROMPTLY).until(() -> busy.scim().get("/scim/v2/Users").status() == 200);
    }

    @Test
    void answeredRequestsGiveTheirPlaceBack() {
        HttpCalls tenant = tenants.create().scim();

        for (int i = 0; i < 5; i++) {
            JsonNode created = tenant.post("/scim/v2/Users", oktaUser("bounds-" + UUID.randomUUID() + "@atko.com", "A", "B")).body();
            assertThat(tenant.get("/scim/v2/Users/" + created.path("id").asText()).status()).isEqualTo(200);
        }
    }
}
