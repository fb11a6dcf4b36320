package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.reftab.scim.auth.TenantBulkhead;
import com.reftab.scim.it.Tenants.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Slow and stuck clients are cut off, and while they hang on, other tenants are answered. The
 * timeouts are shortened (1 s between bytes, 2 s for a whole body) and the instance's bound on
 * requests in progress cut to three, so that three slow uploads are enough to fill it.
 */
@ScimIntegrationTest
@TestPropertySource(properties = {
        "server.tomcat.connection-timeout=1s",
        "reftab.scim.body-read-timeout=2s",
        "reftab.scim.in-flight-per-tenant=4",
        "reftab.scim.in-flight-per-instance=3"
})
class SlowClientsTest {

    private static final Duration CUT_OFF_WITHIN = Duration.ofSeconds(6);

    @LocalServerPort
    int port;

    Tenants tenants;

    @BeforeEach
    void tenants() {
        tenants = new Tenants(port, "slow");
    }

    @Autowired
    TenantBulkhead bulkhead;

    @RegisterExtension
    final OpenConnections connections = new OpenConnections(() -> port);

    private RawConnection trickler(String token) {
        // A byte every 200 ms never leaves a 1 s gap, so only the bound on the whole body can end it.
        return connections.open().head("POST", "/scim/v2/Users", token, "Content-Length: 1000").trickle(200);
    }

    @Test
    void aClientTricklingItsBodyIsCutOffWith408AfterTheBodyTimeout() {
        RawConnection upload = trickler(ScimIntegrationTest.SCIM_TOKEN);

        await().atMost(CUT_OFF_WITHIN).until(upload::closedByServer);
        assertThat(upload.status()).isEqualTo(408);
        assertThat(upload.received()).contains("urn:ietf:params:scim:api:messages:2.0:Error");
    }

    @Test
    void aBodySentWithAGetIsReadWithinTheSameBoundsAndCutOffWith408() {
        // Left unread, it would be drained after the answer for as long as the client trickles it.
        RawConnection upload = connections.open().head("GET", "/scim/v2/Users?count=1", ScimIntegrationTest.SCIM_TOKEN,
                "Content-Length: 1000").trickle(200);

        await().atMost(CUT_OFF_WITHIN).until(upload::closedByServer);
        assertThat(upload.status()).isEqualTo(408);
    }

    @Test
    void aClientThatStopsSendingIsCutOffAfterTheConnectionTimeout() {
        RawConnection upload = connections.open().head("POST", "/scim/v2/Users", ScimIntegrationTest.SCIM_TOKEN, "Content-Length: 1000")
                .send("{\"userName\":");

        await().atMost(CUT_OFF_WITHIN).until(upload::closedByServer);
        assertThat(upload.status()).isEqualTo(408);
    }

    @Test
    void slowUploadsOfOneTenantDoNotDelayAnother() {
        Tenant slow = tenants.create();
        HttpCalls other = tenants.create().scim();
        trickler(slow.scimToken());
        trickler(slow.scimToken());
        await().atMost(CUT_OFF_WITHIN).until(() -> bulkhead.inFlight(slow.id()) == 2);

        long started = System.nanoTime();
        HttpCalls.Reply reply = other.get("/scim/v2/Users");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(bulkhead.inFlight(slow.id())).as("the slow uploads were still going on").isEqualTo(2);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void whenTheInstanceIsAtItsBoundARequestGets503WithRetryAfterBeforeItsBody() {
        Tenant first = tenants.create();
        Tenant second = tenants.create();
        trickler(first.scimToken());
        trickler(first.scimToken());
        trickler(second.scimToken());
        await().atMost(CUT_OFF_WITHIN).until(() -> bulkhead.inFlight(first.id()) == 2 && bulkhead.inFlight(second.id()) == 1);

        RawConnection third = connections.open().head("POST", "/scim/v2/Users", tenants.create().scimToken(), "Content-Length: 1000");

        await().atMost(CUT_OFF_WITHIN).until(third::closedByServer);
        assertThat(third.status()).isEqualTo(503);
        assertThat(third.received()).contains("Retry-After: 1").contains("urn:ietf:params:scim:api:messages:2.0:Error")
                .contains("reftab.scim.in-flight-per-instance");
    }
}
