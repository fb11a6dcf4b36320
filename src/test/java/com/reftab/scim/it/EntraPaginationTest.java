package com.reftab.scim.it;

import static com.reftab.scim.it.EntraCalls.uniqueUserName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Microsoft's SCIM_User_Pagination and SCIM_Group_Pagination: with at least 11 resources,
 * {@code GET /Users?startIndex=N&count=5} page after page, {@code startIndex} answered as
 * {@code page * 5 + 1}, {@code itemsPerPage} the resources on the page, {@code totalResults} the
 * same on every page, and the pages together every resource once.
 */
@ScimIntegrationTest
class EntraPaginationTest {

    private static final int PAGE = 5;

    @LocalServerPort
    int port;

    EntraCalls entra;

    @BeforeEach
    void clients() {
        entra = EntraCalls.withClientSecret(port, ScimIntegrationTest.ADMIN_TOKEN);
    }

    @Test
    void usersPageByFivesWithoutDuplicatesOrGaps() {
        for (int i = 0; i < 11; i++) {
            entra.provisionUser(uniqueUserName(), "Page", "User" + i);
        }

        assertPagesCoverEveryResourceOnce("/Users");
    }

    @Test
    void groupsPageByFivesWithoutDuplicatesOrGaps() {
        for (int i = 0; i < 11; i++) {
            entra.provisionGroup("Entra Page " + uniqueUserName());
        }

        assertPagesCoverEveryResourceOnce("/Groups");
    }

    private void assertPagesCoverEveryResourceOnce(String endpoint) {
        int total = entra.get(endpoint + "?startIndex=1&count=0").body().path("totalResults").asInt();
        assertThat(total).isGreaterThanOrEqualTo(11);
        List<String> seen = new ArrayList<>();
        int pages = (total + PAGE - 1) / PAGE;
        for (int page = 0; page < pages; page++) {
            int startIndex = page * PAGE + 1;
            HttpCalls.Reply reply = entra.get(endpoint + "?startIndex=" + startIndex + "&count=" + PAGE);

            assertThat(reply.status()).isEqualTo(200);
            JsonNode body = reply.body();
            assertThat(body.path("startIndex").isIntegralNumber()).isTrue();
            assertThat(body.path("startIndex").asInt()).as("page %d", page).isEqualTo(startIndex);
            assertThat(body.path("totalResults").asInt()).as("page %d", page).isEqualTo(total);
            int expected = Math.min(PAGE, total - page * PAGE);
            assertThat(body.path("Resources")).as("page %d", page).hasSize(expected);
            assertThat(body.path("itemsPerPage").asInt()).as("page %d", page).isEqualTo(expected);
            body.path("Resources").forEach(resource -> seen.add(resource.path("id").asText()));
        }
        Set<String> distinct = new HashSet<>(seen);
        assertThat(distinct).as("no duplicates").hasSize(seen.size());
        assertThat(seen).as("no gaps").hasSize(total);
    }
}
