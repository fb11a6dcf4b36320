package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.auth.AdjustableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * A tenant's SCIM and admin tokens through the admin API, from generation to the end of a
 * rotation's overlap, on a clock the test moves (the service's default overlap: 24 hours).
 */
@ScimIntegrationTest
class TokenLifecycleTest {

    private static final Duration OVERLAP = Duration.ofHours(24);

    // Declared as the bean it replaces is (an InstantSource), which the override requires.
    @TestBean(name = "tokenClock")
    InstantSource tokenClock;

    static InstantSource tokenClock() {
        return AdjustableClock.startingNow();
    }

    private AdjustableClock clock() {
        return (AdjustableClock) tokenClock;
    }

    @LocalServerPort
    int port;

    HttpCalls operator;

    @BeforeEach
    void operator() {
        operator = new HttpCalls(port, ScimIntegrationTest.OPERATOR_TOKEN);
    }

    private JsonNode newTenant() {
        String id = "tok-" + UUID.randomUUID().toString().substring(0, 8);
        HttpCalls.Reply reply = operator.post("/api/operator/tenants", "{\"id\":\"" + id + "\",\"name\":\"Org " + id + "\"}");
        assertThat(reply.status()).isEqualTo(201);
        return reply.body();
    }

    private HttpCalls scim(JsonNode tenant) {
        return new HttpCalls(port, tenant.path("scimToken").asText());
    }

    private HttpCalls admin(JsonNode tenant) {
        return new HttpCalls(port, tenant.path("adminToken").asText());
    }

    private HttpCalls calls(String token) {
        return new HttpCalls(port, token);
    }

    private static String onlyTokenId(HttpCalls admin, String list) {
        JsonNode tokens = admin.get(list).body().path("tokens");
        assertThat(tokens).hasSize(1);
        return tokens.get(0).path("id").asText();
    }

    @Test
    void aRotatedTokenKeepsWorkingBesideItsSuccessorUntilTheOverlapEnds() {
        JsonNode tenant = newTenant();
        String tokenId = onlyTokenId(admin(tenant), "/api/admin/scim-tokens");

        JsonNode rotated = admin(tenant).post("/api/admin/scim-tokens/" + tokenId + "/rotate", "").body();

        Instant ends = Instant.parse(rotated.path("previousTokenExpiresAt").asText());
        assertThat(ends).isEqualTo(clock().instant().plus(OVERLAP));
        HttpCalls successor = calls(rotated.path("token").asText());
        assertThat(successor.get("/scim/v2/Users").status()).isEqualTo(200);
        clock().moveTo(ends.minusMillis(1));
        assertThat(scim(tenant).get("/scim/v2/Users").status()).isEqualTo(200);
        clock().moveTo(ends);
        assertThat(scim(tenant).get("/scim/v2/Users").status()).isEqualTo(401);
        assertThat(successor.get("/scim/v2/Users").status()).isEqualTo(200);
    }

    @Test
    void aRotatedAdminTokenKeepsWorkingBesideItsSuccessorUntilTheOverlapEnds() {
        JsonNode tenant = newTenant();
        String tokenId = onlyTokenId(admin(tenant), "/api/admin/admin-tokens");

        HttpCalls.Reply reply = admin(tenant).post("/api/admin/admin-tokens/" + tokenId + "/rotate", "");

        assertThat(reply.status()).isEqualTo(201);
        Instant ends = Instant.parse(reply.body().path("previousTokenExpiresAt").asText());
        assertThat(ends).isEqualTo(clock().instant().plus(OVERLAP));
        HttpCalls successor = calls(reply.body().path("token").asText());
        assertThat(successor.get("/api/admin/roles").status()).isEqualTo(200);
        clock().moveTo(ends.minusMillis(1));
        assertThat(admin(tenant).get("/api/admin/roles").status()).isEqualTo(200);
        clock().moveTo(ends);
        assertThat(admin(tenant).get("/api/admin/roles").status()).isEqualTo(401);
        assertThat(successor.get("/api/admin/admin-tokens").body().path("tokens")).hasSize(1);
    }

    @Test
    void aGeneratedAdminTokenIsShownOnceAndListedOnlyByItsHintAndDates() {
        JsonNode tenant = newTenant();

        HttpCalls.Reply generated = admin(tenant).post("/api/admin/admin-tokens", "");
        JsonNode listed = admin(tenant).get("/api/admin/admin-tokens").body().path("tokens");

        assertThat(generated.status()).isEqualTo(201);
        String token = generated.body().path("token").asText();
        assertThat(calls(token).get("/api/admin/roles").status()).isEqualTo(200);
        assertThat(calls(token).get("/scim/v2/Users").status()).isEqualTo(401);
        assertThat(listed).hasSize(2);
        assertThat(listed.toString()).doesNotContain(token).doesNotContain(tenant.path("adminToken").asText())
                .contains(generated.body().path("hint").asText());
        assertThat(listed.get(0).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "hint", "createdAt", "lastUsedAt", "expiresAt");
    }

    @Test
    void aRevokedAdminTokenIsRefusedAtOnce() {
        JsonNode tenant = newTenant();
        String firstId = onlyTokenId(admin(tenant), "/api/admin/admin-tokens");
        HttpCalls second = calls(admin(tenant).post("/api/admin/admin-tokens", "").body().path("token").asText());

        assertThat(second.delete("/api/admin/admin-tokens/" + firstId).status()).isEqualTo(204);

        assertThat(admin(tenant).get("/api/admin/roles").status()).isEqualTo(401);
        assertThat(second.delete("/api/admin/admin-tokens/" + firstId).status()).isEqualTo(404);
        assertThat(second.get("/api/admin/roles").status()).isEqualTo(200);
    }

    @Test
    void aTenantCannotRevokeItsLastAdminToken() {
        JsonNode tenant = newTenant();
        String tokenId = onlyTokenId(admin(tenant), "/api/admin/admin-tokens");

        HttpCalls.Reply refused = admin(tenant).delete("/api/admin/admin-tokens/" + tokenId);

        GroupCalls.assertScimError(refused, 409, null);
        assertThat(refused.body().path("detail").asText()).contains("last admin token").contains("Generate a new admin token first");
        assertThat(admin(tenant).get("/api/admin/roles").status()).isEqualTo(200);
    }

    @Test
    void anAdminTokenInItsOverlapDoesNotCountAsTheOneLeft() {
        JsonNode tenant = newTenant();
        String tokenId = onlyTokenId(admin(tenant), "/api/admin/admin-tokens");
        JsonNode successor = admin(tenant).post("/api/admin/admin-tokens/" + tokenId + "/rotate", "").body();

        HttpCalls.Reply refused = admin(tenant).delete("/api/admin/admin-tokens/" + successor.path("id").asText());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(calls(successor.path("token").asText()).get("/api/admin/roles").status()).isEqualTo(200);
    }

    @Test
    void aTenantCannotRotateOrRevokeAnotherTenantsAdminToken() {
        JsonNode a = newTenant();
        JsonNode b = newTenant();
        String tokenOfA = onlyTokenId(admin(a), "/api/admin/admin-tokens");
        admin(a).post("/api/admin/admin-tokens", "");

        assertThat(admin(b).post("/api/admin/admin-tokens/" + tokenOfA + "/rotate", "").status()).isEqualTo(404);
        assertThat(admin(b).delete("/api/admin/admin-tokens/" + tokenOfA).status()).isEqualTo(404);
        assertThat(admin(a).get("/api/admin/roles").status()).isEqualTo(200);
        assertThat(admin(a).get("/api/admin/admin-tokens").body().path("tokens"))
                .hasSize(2).allSatisfy(token -> assertThat(token.path("expiresAt").isNull()).isTrue());
    }

    @Test
    void adminTokensNeedAnAdminToken() {
        JsonNode tenant = newTenant();

        assertThat(scim(tenant).get("/api/admin/admin-tokens").status()).isEqualTo(401);
        assertThat(scim(tenant).post("/api/admin/admin-tokens", "").status()).isEqualTo(401);
        assertThat(admin(tenant).get("/api/admin/admin-tokens").body().path("tokens")).hasSize(1);
    }

    @Test
    void scimSettingsTellHowLongARotatedAdminTokenKeepsWorking() {
        JsonNode settings = admin(newTenant()).get("/api/admin/scim-settings").body();

        assertThat(settings.path("adminTokenRotationOverlap").asText()).isEqualTo("PT24H");
        assertThat(settings.path("adminTokenRotationOverlapHours").asLong()).isEqualTo(24);
    }
}
