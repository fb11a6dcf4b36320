package com.reftab.scim.it;

import static com.reftab.scim.it.GroupCalls.assertScimError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /api/admin/loans} (the demo stand-in for the asset service): what it publishes, and
 * every bound of a loan at its limit and one past it. A refused loan never reaches the topic.
 */
@ScimIntegrationTest
class LoanDemoApiTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpCalls admin;
    String tenant;

    @BeforeEach
    void newTenant() {
        tenant = "loans-" + UUID.randomUUID().toString().substring(0, 8);
        HttpCalls.Reply created = new HttpCalls(port, ScimIntegrationTest.OPERATOR_TOKEN)
                .post("/api/operator/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"Loans " + tenant + "\"}");
        assertThat(created.status()).isEqualTo(201);
        admin = new HttpCalls(port, created.body().path("adminToken").asText());
    }

    private HttpCalls.Reply lend(String itemId, String fields) {
        return admin.post("/api/admin/loans", "{\"type\":\"checked-out\",\"itemId\":\"" + itemId + "\","
                + "\"userId\":\"" + UUID.randomUUID() + "\"" + fields + "}");
    }

    private static void assertRefused(HttpCalls.Reply reply, String detail) {
        assertScimError(reply, 400, "invalidValue");
        assertThat(reply.body().path("detail").asText()).contains(detail);
    }

    @Test
    void aLoanIsAcknowledgedOnceOnTheTopicAndReachesTheHoldings() {
        String itemId = "item-" + UUID.randomUUID();

        HttpCalls.Reply published = lend(itemId, ",\"name\":\"MacBook Pro 14\",\"assetTag\":\"RT-0042\"");

        assertThat(published.status()).isEqualTo(202);
        assertThat(published.body().path("type").asText()).isEqualTo("com.reftab.assets.loan.checked-out");
        assertThat(published.body().path("topic").asText()).isEqualTo("reftab.assets.loans");
        assertThat(published.body().path("version").asLong()).isPositive();
        assertThat(await().atMost(EVENTUALLY).until(() -> status(itemId), status -> status != null)).isEqualTo("held");
    }

    @Test
    void itemIdNameCategoryAndAssetTagAreBoundedAtTheirColumnWidths() {
        assertThat(lend("i".repeat(128), "").status()).isEqualTo(202);
        assertRefused(lend("i".repeat(129), ""), "'itemId' is at most 128 characters");
        assertThat(lend(unique(), ",\"name\":\"" + "n".repeat(256) + "\"").status()).isEqualTo(202);
        assertRefused(lend(unique(), ",\"name\":\"" + "n".repeat(257) + "\""), "'name' is at most 256 characters");
        assertThat(lend(unique(), ",\"category\":\"" + "c".repeat(128) + "\"").status()).isEqualTo(202);
        assertRefused(lend(unique(), ",\"category\":\"" + "c".repeat(129) + "\""), "'category' is at most 128 characters");
        assertThat(lend(unique(), ",\"assetTag\":\"" + "t".repeat(64) + "\"").status()).isEqualTo(202);
        assertRefused(lend(unique(), ",\"assetTag\":\"" + "t".repeat(65) + "\""), "'assetTag' is at most 64 characters");
    }

    @Test
    void theValueIsFromZeroToTheMaximumWithCents() {
        assertThat(lend(unique(), ",\"value\":0").status()).isEqualTo(202);
        assertThat(lend(unique(), ",\"value\":10000000").status()).isEqualTo(202);
        assertRefused(lend(unique(), ",\"value\":10000000.01"), "from 0 to 10000000 (reftab.loans.max-value)");
        assertRefused(lend(unique(), ",\"value\":-0.01"), "from 0 to 10000000");
        assertRefused(lend(unique(), ",\"value\":1.001"), "at most 2 decimals");
        assertRefused(lend(unique(), ",\"value\":\"12\""), "'value' must be a number");
        assertRefused(lend(unique(), ",\"value\":1,\"currency\":\"usd\""), "'currency'");
    }

    @Test
    void aLoanThatSaysNothingClearIsRefused() {
        assertRefused(admin.post("/api/admin/loans", "{\"type\":\"lost\",\"itemId\":\"a\",\"userId\":\"u\"}"), "'type'");
        assertRefused(admin.post("/api/admin/loans", "{\"type\":\"checked-out\",\"itemId\":\"a\"}"), "names the person");
        assertRefused(admin.post("/api/admin/loans", "{\"type\":\"returned\"}"), "'itemId' is required");
        assertRefused(admin.post("/api/admin/loans", "{\"type\":\"returned\",\"itemId\":\"a\",\"owner\":\"x\"}"),
                "'owner' is not a field");
        assertRefused(admin.post("/api/admin/loans", "{\"type\":\"returned\",\"itemId\":\"a\\u0007\"}"), "control characters");
        assertScimError(admin.post("/api/admin/loans", "{\"type\":"), 400, "invalidSyntax");
    }

    @Test
    void aRefusedLoanNeverReachesTheHoldings() {
        String refused = "item-" + UUID.randomUUID();
        String accepted = "item-" + UUID.randomUUID();

        assertRefused(lend(refused, ",\"value\":-1"), "'value'");
        assertThat(lend(accepted, "").status()).isEqualTo(202);

        await().atMost(EVENTUALLY).until(() -> status(accepted), status -> status != null);
        assertThat(status(refused)).isNull();
    }

    private static String unique() {
        return "item-" + UUID.randomUUID();
    }

    private String status(String itemId) {
        return jdbc.query("select status from equipment_loan where tenant_id = ? and item_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, tenant, itemId);
    }
}
