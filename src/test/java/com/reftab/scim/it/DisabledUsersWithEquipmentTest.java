package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.assertScimError;
import static com.reftab.scim.it.HttpCalls.activePatch;
import static com.reftab.scim.it.HttpCalls.oktaUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "Disabled users with equipment" on the real in-process broker: users provisioned over SCIM, loans
 * published by the demo API onto the loans topic as the asset service would, the holdings consumer,
 * the report. Each test runs in a tenant of its own.
 */
@ScimIntegrationTest
class DisabledUsersWithEquipmentTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    private static final String REPORT = "/api/admin/reports/disabled-users-with-equipment";

    @LocalServerPort
    int port;

    HttpCalls scim;
    HttpCalls admin;

    @BeforeEach
    void newTenant() {
        Tenant tenant = tenant();
        scim = tenant.scim();
        admin = tenant.admin();
    }

    record Tenant(HttpCalls scim, HttpCalls admin) {
    }

    private Tenant tenant() {
        String id = "equipment-" + UUID.randomUUID().toString().substring(0, 8);
        HttpCalls.Reply tenant = new HttpCalls(port, ScimIntegrationTest.OPERATOR_TOKEN)
                .post("/api/operator/tenants", "{\"id\":\"" + id + "\",\"name\":\"Equipment " + id + "\"}");
        assertThat(tenant.status()).isEqualTo(201);
        return new Tenant(new HttpCalls(port, tenant.body().path("scimToken").asText()),
                new HttpCalls(port, tenant.body().path("adminToken").asText()));
    }

    private String user(String userName) {
        HttpCalls.Reply created = scim.post("/scim/v2/Users", oktaUser(userName, "Ada", "Lovelace"));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    private void deactivate(String id) {
        assertThat(scim.patch("/scim/v2/Users/" + id, activePatch(false)).status()).isEqualTo(200);
    }

    private static void lend(HttpCalls admin, String body) {
        HttpCalls.Reply published = admin.post("/api/admin/loans", body);
        assertThat(published.status()).as(published.body().toString()).isEqualTo(202);
    }

    private static String checkout(String itemId, String name, String assetTag, String value, String person) {
        return "{\"type\":\"checked-out\",\"itemId\":\"" + itemId + "\",\"name\":\"" + name + "\",\"category\":\"Laptops\","
                + "\"assetTag\":\"" + assetTag + "\",\"value\":" + value + ",\"currency\":\"USD\"," + person + "}";
    }

    private static String toUser(String userId) {
        return "\"userId\":\"" + userId + "\"";
    }

    private static String returned(String itemId) {
        return "{\"type\":\"returned\",\"itemId\":\"" + itemId + "\"}";
    }

    private JsonNode reportOnce(String query, java.util.function.Predicate<JsonNode> shows) {
        return await().atMost(EVENTUALLY).until(() -> admin.get(REPORT + query).body(), shows);
    }

    private static List<String> ids(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.path("users").forEach(user -> ids.add(user.path("id").asText()));
        return ids;
    }

    private static List<String> itemIds(JsonNode user) {
        List<String> ids = new ArrayList<>();
        user.path("items").forEach(item -> ids.add(item.path("itemId").asText()));
        return ids;
    }

    @Test
    void aDisabledPersonHoldingALaptopIsReportedUntilTheyReturnIt() {
        String userName = "leaver-" + UUID.randomUUID() + "@atko.com";
        String id = user(userName);
        String laptop = "item-" + UUID.randomUUID();
        lend(admin, checkout(laptop, "MacBook Pro 14", "RT-0042", "2499.00", toUser(id)));

        deactivate(id);

        JsonNode report = reportOnce("", body -> body.path("totalResults").asInt() == 1);
        JsonNode person = report.path("users").get(0);
        assertThat(person.path("id").asText()).isEqualTo(id);
        assertThat(person.path("userName").asText()).isEqualTo(userName);
        assertThat(person.path("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(person.path("disabledAt").asText()).isNotBlank();
        assertThat(person.path("daysDisabled").asInt()).isZero();
        assertThat(person.path("totalValue").decimalValue()).isEqualByComparingTo("2499.00");
        JsonNode item = person.path("items").get(0);
        assertThat(item.path("itemId").asText()).isEqualTo(laptop);
        assertThat(item.path("name").asText()).isEqualTo("MacBook Pro 14");
        assertThat(item.path("category").asText()).isEqualTo("Laptops");
        assertThat(item.path("assetTag").asText()).isEqualTo("RT-0042");
        assertThat(item.path("since").asText()).isNotBlank();
        assertThat(item.path("value").decimalValue()).isEqualByComparingTo("2499.00");

        lend(admin, returned(laptop));

        reportOnce("", body -> body.path("totalResults").asInt() == 0);
    }

    @Test
    void aPersonWithoutEquipmentOrStillActiveIsNotReported() {
        String active = user("active-" + UUID.randomUUID() + "@atko.com");
        String emptyHanded = user("empty-" + UUID.randomUUID() + "@atko.com");
        String holder = user("holder-" + UUID.randomUUID() + "@atko.com");
        lend(admin, checkout("item-" + UUID.randomUUID(), "Badge", "RT-1", "10", toUser(active)));
        lend(admin, checkout("item-" + UUID.randomUUID(), "Phone", "RT-2", "800", toUser(holder)));
        deactivate(emptyHanded);
        deactivate(holder);

        JsonNode report = reportOnce("", body -> body.path("totalResults").asInt() >= 1);

        // The holder's loan was published after the active user's: once it shows, both were applied.
        assertThat(ids(report)).containsExactly(holder);
    }

    @Test
    void aLoanMadeBeforeProvisioningByUserNameCountsOnceThePersonIsProvisioned() {
        String userName = "early-" + UUID.randomUUID() + "@atko.com";
        String laptop = "item-" + UUID.randomUUID();
        lend(admin, checkout(laptop, "ThinkPad X1", "RT-0007", "1800", "\"userName\":\"" + userName.toUpperCase() + "\""));

        String id = user(userName);
        deactivate(id);

        JsonNode report = reportOnce("", body -> body.path("totalResults").asInt() == 1);
        assertThat(ids(report)).containsExactly(id);
        assertThat(itemIds(report.path("users").get(0))).containsExactly(laptop);
    }

    @Test
    void theReportListsTheLongestDisabledFirstOrTheMostValueFirst() {
        String earlier = user("earlier-" + UUID.randomUUID() + "@atko.com");
        String later = user("later-" + UUID.randomUUID() + "@atko.com");
        lend(admin, checkout("item-" + UUID.randomUUID(), "Badge", "RT-1", "15.50", toUser(earlier)));
        lend(admin, checkout("item-" + UUID.randomUUID(), "Laptop", "RT-2", "2000", toUser(later)));
        lend(admin, checkout("item-" + UUID.randomUUID(), "Monitor", "RT-3", "300", toUser(later)));
        deactivate(earlier);
        reportOnce("", body -> body.path("totalResults").asInt() == 1);
        deactivate(later);

        JsonNode oldest = reportOnce("", body -> body.path("totalResults").asInt() == 2);
        JsonNode byValue = admin.get(REPORT + "?sort=value").body();

        assertThat(ids(oldest)).containsExactly(earlier, later);
        assertThat(ids(byValue)).containsExactly(later, earlier);
        assertThat(byValue.path("users").get(0).path("totalValue").decimalValue()).isEqualByComparingTo("2300");
        assertThat(itemIds(byValue.path("users").get(0))).hasSize(2);
    }

    @Test
    void theReportIsPaged() {
        for (int i = 0; i < 3; i++) {
            String id = user("paged-" + i + "-" + UUID.randomUUID() + "@atko.com");
            lend(admin, checkout("item-" + UUID.randomUUID(), "Badge", "RT-" + i, "1", toUser(id)));
            deactivate(id);
        }
        reportOnce("", body -> body.path("totalResults").asInt() == 3);

        JsonNode page = admin.get(REPORT + "?startIndex=3&count=2").body();

        assertThat(page.path("totalResults").asInt()).isEqualTo(3);
        assertThat(page.path("startIndex").asInt()).isEqualTo(3);
        assertThat(page.path("itemsPerPage").asInt()).isEqualTo(1);
    }

    @Test
    void theCsvHasARowPerItemHeld() {
        String id = user("csv-" + UUID.randomUUID() + "@atko.com");
        String laptop = "item-a-" + UUID.randomUUID();
        String badge = "item-b-" + UUID.randomUUID();
        lend(admin, checkout(laptop, "=Laptop, 14\\\"", "RT-0042", "2499.99", toUser(id)));
        lend(admin, checkout(badge, "Badge", "RT-0043", "5", toUser(id)));
        deactivate(id);
        reportOnce("", body -> body.path("totalResults").asInt() == 1);

        HttpResponse<String> csv = admin.getText(REPORT + ".csv?sort=value");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"disabled-users-with-equipment.csv\"");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("\"id\",\"userName\",\"displayName\",\"disabledAt\",\"daysDisabled\",\"totalValue\","
                + "\"itemId\",\"name\",\"category\",\"assetTag\",\"since\",\"value\",\"currency\"");
        assertThat(lines[1]).startsWith("\"" + id + "\",").contains("\"2504.99\",\"" + laptop + "\",\"'=Laptop, 14\"\"\"")
                .endsWith("\"2499.99\",\"USD\"");
        assertThat(lines[2]).contains("\"" + badge + "\",\"Badge\"");
    }

    @Test
    void anotherTenantNeitherSeesThisTenantsHoldersNorLendsToThem() {
        String id = user("isolated-" + UUID.randomUUID() + "@atko.com");
        String ours = "item-" + UUID.randomUUID();
        lend(admin, checkout(ours, "Laptop", "RT-1", "1000", toUser(id)));
        deactivate(id);
        reportOnce("", body -> body.path("totalResults").asInt() == 1);
        Tenant other = tenant();
        String theirs = "item-" + UUID.randomUUID();
        String barrier = "item-" + UUID.randomUUID();

        lend(other.admin(), checkout(theirs, "Their laptop", "RT-9", "9000", toUser(id)));
        lend(admin, checkout(barrier, "Badge", "RT-2", "1", toUser(id)));

        JsonNode report = reportOnce("", body -> body.path("users").path(0).path("items").size() == 2);
        assertThat(itemIds(report.path("users").get(0))).containsExactlyInAnyOrder(ours, barrier);
        JsonNode theirReport = other.admin().get(REPORT).body();
        assertThat(theirReport.path("totalResults").asInt()).isZero();
        assertThat(other.admin().getText(REPORT + ".csv").body().split("\r\n")).hasSize(1);
    }

    @Test
    void anUnknownOrderIsRefused() {
        assertScimError(admin.get(REPORT + "?sort=name"), 400, "invalidValue");
        assertScimError(admin.get(REPORT + ".csv?sort=name"), 400, "invalidValue");
    }

    @Test
    void theReportNeedsTheAdminToken() {
        assertScimError(scim.get(REPORT), 401, null);
        assertScimError(scim.get(REPORT + ".csv"), 401, null);
        assertScimError(scim.post("/api/admin/loans", returned("item-1")), 401, null);
    }
}
