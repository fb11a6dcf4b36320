package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The admin API's page of recent events is bounded in bytes as well as in events, and goes on where it stopped. */
@ScimIntegrationTest
class AdminEventsPageTest {

    /** Just past two pages' byte bound (2 MiB) of events of about 60 KB. */
    private static final int LARGE_USERS = 40;

    @LocalServerPort
    int port;

    @Test
    void aPageStopsAtItsByteBoundAndTheNextGoesOnFromThere() {
        Tenants.Tenant tenant = new Tenants(port, "events-page").create();
        for (int i = 0; i < LARGE_USERS; i++) {
            assertThat(tenant.scim().post("/scim/v2/Users",
                    MemoryBoundsTest.largeUser("page-" + i + "-" + UUID.randomUUID() + "@atko.com")).status()).isEqualTo(201);
        }

        JsonNode first = tenant.admin().get("/api/admin/events?limit=500").body();
        JsonNode second = tenant.admin().get("/api/admin/events?limit=500&after=" + first.path("next").asLong()).body();

        assertThat(first.path("events").size()).isBetween(1, LARGE_USERS - 1);
        Set<Long> sequences = new HashSet<>();
        first.path("events").forEach(event -> sequences.add(event.path("sequence").asLong()));
        second.path("events").forEach(event -> assertThat(sequences.add(event.path("sequence").asLong())).isTrue());
        assertThat(sequences).hasSize(LARGE_USERS);
    }
}
