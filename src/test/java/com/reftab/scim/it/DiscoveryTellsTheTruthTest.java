package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What ServiceProviderConfig and Schemas advertise is what the service does. */
@ScimIntegrationTest
class DiscoveryTellsTheTruthTest {

    @LocalServerPort
    int port;

    HttpCalls scim;
    JsonNode config;

    @BeforeEach
    void readTheConfig() {
        scim = new HttpCalls(port, ScimIntegrationTest.SCIM_TOKEN);
        config = scim.get("/scim/v2/ServiceProviderConfig").body();
    }

    private String user() {
        return scim.post("/scim/v2/Users", HttpCalls.oktaUser("truth-" + UUID.randomUUID() + "@atko.com", "T", "Ruth"))
                .body().path("id").asText();
    }

    @Test
    void advertisedPatchWorks() {
        assertThat(config.path("patch").path("supported").asBoolean()).isTrue();

        assertThat(scim.patch("/scim/v2/Users/" + user(), HttpCalls.activePatch(false)).status()).isEqualTo(200);
    }

    @Test
    void advertisedFilterWorksAndItsMaxResultsCapsAPage() {
        int maxResults = config.path("filter").path("maxResults").asInt();
        assertThat(config.path("filter").path("supported").asBoolean()).isTrue();

        JsonNode page = scim.get("/scim/v2/Users?filter=userName%20pr&count=" + (maxResults + 50)).body();

        assertThat(page.path("itemsPerPage").asInt()).isLessThanOrEqualTo(maxResults);
    }

    @Test
    void advertisedSortWorks() {
        assertThat(config.path("sort").path("supported").asBoolean()).isTrue();

        assertThat(scim.get("/scim/v2/Users?sortBy=userName&sortOrder=descending").status()).isEqualTo(200);
    }

    @Test
    void advertisedEtagsWork() {
        assertThat(config.path("etag").path("supported").asBoolean()).isTrue();
        HttpCalls.Reply reply = scim.get("/scim/v2/Users/" + user());

        assertThat(reply.header("ETag")).isEqualTo(reply.body().path("meta").path("version").asText()).startsWith("W/");
    }

    @Test
    void advertisedCursorPagingWorks() {
        assertThat(config.path("pagination").path("cursor").asBoolean()).isTrue();

        assertThat(scim.get("/scim/v2/Users?cursor=&count=1").body().has("Resources")).isTrue();
    }

    @Test
    void advertisedBulkWorksWithinItsLimits() {
        assertThat(config.path("bulk").path("supported").asBoolean()).isTrue();
        assertThat(config.path("bulk").path("maxOperations").asInt()).isPositive();

        HttpCalls.Reply reply = scim.post("/scim/v2/Bulk", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                 {"method":"POST","bulkId":"b1","path":"/Users","data":{"userName":"bulk-truth-%s@atko.com"}}]}
                """.formatted(UUID.randomUUID()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("Operations").get(0).path("status").asText()).isEqualTo("201");
    }

    @Test
    void everyAdvertisedAttributeOfTheUserButBinaryOnesCanBeFilteredOn() {
        JsonNode user = scim.get("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").body();

        for (JsonNode attribute : user.path("attributes")) {
            String type = attribute.path("type").asText();
            if (attribute.path("returned").asText().equals("never") || type.equals("binary")) {
                continue;
            }
            String path = attribute.path("name").asText();
            if (type.equals("complex")) {
                JsonNode first = attribute.path("subAttributes").get(0);
                if (first.path("type").asText().equals("binary")) {
                    continue;
                }
                path = path + "." + first.path("name").asText();
            }
            String filter = URLEncoder.encode(path + " pr", StandardCharsets.UTF_8);
            assertThat(scim.get("/scim/v2/Users?count=0&filter=" + filter).status()).as(path).isEqualTo(200);
        }
    }
}
