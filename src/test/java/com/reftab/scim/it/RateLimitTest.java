package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.reftab.scim.it.Tenants.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each tenant's requests are held to its rate, per API: past its burst a tenant gets 429 with
 * Retry-After at once, other tenants are served, and the admin API (the console) and the SCIM API
 * (the identity provider) never spend each other's budget.
 */
@RateLimitedIntegrationTest
class RateLimitTest {

    private static final String USERS = "/scim/v2/Users?count=1";
    private static final String ROLES = "/api/admin/roles";

    @LocalServerPort
    int port;

    Tenants tenants;

    @BeforeEach
    void tenants() {
        tenants = new Tenants(port, "rate");
    }

    /** Spends the whole burst, every request of it served, then returns the first one refused. */
    private static HttpCalls.Reply spend(HttpCalls client, String path, int burst) {
        for (int i = 0; i < burst; i++) {
            assertThat(client.get(path).status()).as("request %d of a burst of %d", i + 1, burst).isEqualTo(200);
        }
        return client.get(path);
    }

    @Test
    void aTenantIsServedToTheEndOfItsBurstAndThenRefusedWith429AndRetryAfter() {
        HttpCalls.Reply refused = spend(tenants.create().scim(), USERS, RateLimitedIntegrationTest.SCIM_BURST);

        assertThat(refused.status()).isEqualTo(429);
        // One request a minute: the next one is at most that far away.
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 61);
        assertThat(refused.body().path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(refused.body().path("detail").asText()).contains("1 a minute with bursts of 20")
                .contains("reftab.scim.rate-limit");
    }

    @Test
    void anotherTenantIsServedWhileOneIsOverItsRate() {
        HttpCalls overRate = tenants.create().scim();
        assertThat(spend(overRate, USERS, RateLimitedIntegrationTest.SCIM_BURST).status()).isEqualTo(429);

        assertThat(tenants.create().scim().get(USERS).status()).isEqualTo(200);
        assertThat(overRate.get(USERS).status()).isEqualTo(429);
    }

    @Test
    void aTenantThatSpentItsScimBudgetStillHasItsAdminBudget() {
        Tenant tenant = tenants.create();
        assertThat(spend(tenant.scim(), USERS, RateLimitedIntegrationTest.SCIM_BURST).status()).isEqualTo(429);

        assertThat(tenant.admin().get(ROLES).status()).isEqualTo(200);
    }

    @Test
    void theConsolesReadsNeverSpendTheScimBudget() {
        Tenant tenant = tenants.create();
        HttpCalls.Reply refused = spend(tenant.admin(), ROLES, RateLimitedIntegrationTest.ADMIN_BURST);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().path("detail").asText()).contains("admin API").contains("reftab.admin.rate-limit");
        assertThat(spend(tenant.scim(), USERS, RateLimitedIntegrationTest.SCIM_BURST).status()).isEqualTo(429);
    }

    @Test
    void aRefusalForTheRateClosesTheConnectionWithoutReadingTheBody() {
        Tenant tenant = tenants.create();
        assertThat(spend(tenant.scim(), USERS, RateLimitedIntegrationTest.SCIM_BURST).status()).isEqualTo(429);

        try (RawConnection upload = new RawConnection(port)
                .head("POST", "/scim/v2/Users", tenant.scimToken(), "Content-Length: 1000")) {
            // Well within the connection timeout (20 s) that a drained body would wait out.
            await().atMost(Duration.ofSeconds(2)).until(upload::closedByServer);
            assertThat(upload.status()).isEqualTo(429);
            assertThat(upload.header("Retry-After")).isNotBlank();
            assertThat(upload.header("Connection")).isEqualToIgnoringCase("close");
        }
    }
}
