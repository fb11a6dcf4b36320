package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.assertScimError;
import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's reports: users disabled by provisioning (as a page and as CSV) and the provisioning
 * activity with the outbox backlog. Each test runs in a tenant of its own, so counts are exact.
 */
@ScimIntegrationTest
class AdminReportsTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    HttpCalls scim;
    HttpCalls admin;

    @BeforeEach
    void newTenant() {
        String id = "reports-" + UUID.randomUUID().toString().substring(0, 8);
        HttpCalls.Reply tenant = new HttpCalls(port, ScimIntegrationTest.OPERATOR_TOKEN)
                .post("/api/operator/tenants", "{\"id\":\"" + id + "\",\"name\":\"Reports " + id + "\"}");
        assertThat(tenant.status()).isEqualTo(201);
        scim = new HttpCalls(port, tenant.body().path("scimToken").asText());
        admin = new HttpCalls(port, tenant.body().path("adminToken").asText());
    }

    private String user(String userName, String givenName, String familyName) {
        HttpCalls.Reply created = scim.post("/scim/v2/Users", oktaUser(userName, givenName, familyName));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private void deactivate(String id) {
        assertThat(scim.patch("/scim/v2/Users/" + id, activePatch(false)).status()).isEqualTo(200);
    }

    private JsonNode reportOnceItLists(int users) {
        return await().atMost(EVENTUALLY).until(() -> admin.get("/api/admin/reports/disabled-users").body(),
                body -> body.path("totalResults").asInt() == users);
    }

    private static List<String> ids(JsonNode users) {
        List<String> ids = new ArrayList<>();
        users.forEach(user -> ids.add(user.path("id").asText()));
        return ids;
    }

    @Test
    void theDisabledUsersReportListsTheMostRecentlyDisabledFirst() {
        String first = user("first-" + UUID.randomUUID() + "@atko.com", "First", "Gone");
        String second = user("second-" + UUID.randomUUID() + "@atko.com", "Second", "Gone");
        user("still-" + UUID.randomUUID() + "@atko.com", "Still", "Here");
        deactivate(first);
        reportOnceItLists(1);

        deactivate(second);

        JsonNode report = reportOnceItLists(2);
        assertThat(ids(report.path("users"))).containsExactly(second, first);
        JsonNode newest = report.path("users").get(0);
        assertThat(newest.path("status").asText()).isEqualTo("disabled");
        assertThat(Instant.parse(newest.path("disabledAt").asText()))
                .isAfterOrEqualTo(Instant.parse(report.path("users").get(1).path("disabledAt").asText()));
    }

    @Test
    void theDisabledUsersReportPages() {
        for (int i = 0; i < 3; i++) {
            deactivate(user("paged-" + i + "-" + UUID.randomUUID() + "@atko.com", "Paged", "User" + i));
        }
        reportOnceItLists(3);

        JsonNode page = admin.get("/api/admin/reports/disabled-users?startIndex=3&count=2").body();

        assertThat(page.path("totalResults").asInt()).isEqualTo(3);
        assertThat(page.path("startIndex").asInt()).isEqualTo(3);
        assertThat(page.path("itemsPerPage").asInt()).isEqualTo(1);
    }

    @Test
    void theDisabledUsersCsvHasAHeaderAndARowPerDisabledUser() {
        String userName = "csv-" + UUID.randomUUID() + "@atko.com";
        String id = user(userName, "Csv", "O'Brien, Jr.");
        user("active-" + UUID.randomUUID() + "@atko.com", "Active", "User");
        deactivate(id);
        reportOnceItLists(1);

        HttpResponse<String> csv = admin.getText("/api/admin/reports/disabled-users.csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"disabled-users.csv\"");
        assertThat(csv.headers().firstValue("Cache-Control")).contains("no-store");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("\"id\",\"userName\",\"email\",\"givenName\",\"familyName\",\"displayName\","
                + "\"accessRole\",\"groups\",\"disabledAt\",\"deletedInIdentityProvider\"");
        assertThat(lines[1]).startsWith("\"" + id + "\",\"" + userName + "\",\"" + userName + "\",\"Csv\",\"O'Brien, Jr.\","
                + "\"Csv O'Brien, Jr.\",\"User\",,\"").endsWith("\",\"false\"");
    }

    @Test
    void aUserDeletedInOktaIsInTheReportAsDeleted() {
        String id = user("deleted-" + UUID.randomUUID() + "@atko.com", "Deleted", "User");

        assertThat(scim.delete("/scim/v2/Users/" + id).status()).isEqualTo(204);

        JsonNode report = reportOnceItLists(1);
        assertThat(report.path("users").get(0).path("deletedInIdentityProvider").asBoolean()).isTrue();
    }

    @Test
    void theReportsNeedTheAdminToken() {
        assertScimError(scim.get("/api/admin/reports/disabled-users"), 401, null);
        assertScimError(scim.get("/api/admin/reports/disabled-users.csv"), 401, null);
        assertScimError(scim.get("/api/admin/activity"), 401, null);
    }

    @Test
    void activityListsTheTenantsEventsNewestFirst() {
        String id = user("activity-" + UUID.randomUUID() + "@atko.com", "Activity", "User");
        deactivate(id);

        JsonNode activity = admin.get("/api/admin/activity?limit=10").body();

        JsonNode events = activity.path("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("type").asText()).isEqualTo("com.reftab.scim.user.deactivated");
        assertThat(events.get(0).path("subject").asText()).isEqualTo("Users/" + id);
        assertThat(events.get(1).path("type").asText()).isEqualTo("com.reftab.scim.user.created");
        assertThat(events.get(0).path("sequence").asLong()).isGreaterThan(events.get(1).path("sequence").asLong());
        assertThat(Instant.parse(events.get(0).path("time").asText())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void activityLimitsTheEventsItLists() {
        String id = user("limited-" + UUID.randomUUID() + "@atko.com", "Limited", "User");
        deactivate(id);

        JsonNode events = admin.get("/api/admin/activity?limit=1").body().path("events");

        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("type").asText()).isEqualTo("com.reftab.scim.user.deactivated");
    }

    @Test
    void theOutboxBacklogEmptiesOnceKafkaHasEveryEvent() {
        user("backlog-" + UUID.randomUUID() + "@atko.com", "Backlog", "User");

        JsonNode activity = await().atMost(EVENTUALLY).until(() -> admin.get("/api/admin/activity").body(),
                body -> body.path("events").get(0).path("published").asBoolean());

        assertThat(activity.path("backlog").path("pending").asLong()).isZero();
        assertThat(activity.path("backlog").path("oldestPendingAt").isNull()).isTrue();
    }

    @Test
    void aLimitThatIsNotANumberIsRefused() {
        HttpCalls.Reply refused = admin.get("/api/admin/activity?limit=ten");
        assertScimError(refused, 400, "invalidValue");
        assertThat(refused.body().path("detail").asText()).contains("'limit'");
        assertScimError(admin.get("/api/admin/reports/disabled-users?count=all"), 400, "invalidValue");
    }
}
