package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.auth.AdjustableClock;
import com.reftab.scim.it.Tenants.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * A tenant's SCIM and admin tokens through the admin API, from generation to the end of a
 * rotation's overlap, on a clock the test moves (the service's default overlap: 24 hours).
 */
// Its clock bean gives it a context of its own: closed once the class is done.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
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

    Tenants tenants;

    @BeforeEach
    void tenants() {
        tenants = new Tenants(port, "tok");
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
        Tenant tenant = tenants.create();
        String tokenId = onlyTokenId(tenant.admin(), "/api/admin/scim-tokens");

        JsonNode rotated = tenant.admin().post("/api/admin/scim-tokens/" + tokenId + "/rotate", "").body();

        Instant ends = Instant.parse(rotated.path("previousTokenExpiresAt").asText());
        assertThat(ends).isEqualTo(clock().instant().plus(OVERLAP));
        HttpCalls successor = calls(rotated.path("token").asText());
        assertThat(successor.get("/scim/v2/Users").status()).isEqualTo(200);
        clock().moveTo(ends.minusMillis(1));
        assertThat(tenant.scim().get("/scim/v2/Users").status()).isEqualTo(200);
        clock().moveTo(ends);
        assertThat(tenant.scim().get("/scim/v2/Users").status()).isEqualTo(401);
        assertThat(successor.get("/scim/v2/Users").status()).isEqualTo(200);
    }

    @Test
    void aRotatedAdminTokenKeepsWorkingBesideItsSuccessorUntilTheOverlapEnds() {
        Tenant tenant = tenants.create();
        String tokenId = onlyTokenId(tenant.admin(), "/api/admin/admin-tokens");

        HttpCalls.Reply reply = tenant.admin().post("/api/admin/admin-tokens/" + tokenId + "/rotate", "");

        assertThat(reply.status()).isEqualTo(201);
        Instant ends = Instant.parse(reply.body().path("previousTokenExpiresAt").asText());
        assertThat(ends).isEqualTo(clock().instant().plus(OVERLAP));
        HttpCalls successor = calls(reply.body().path("token").asText());
        assertThat(successor.get("/api/admin/roles").status()).isEqualTo(200);
        clock().moveTo(ends.minusMillis(1));
        assertThat(tenant.admin().get("/api/admin/roles").status()).isEqualTo(200);
        clock().moveTo(ends);
        assertThat(tenant.admin().get("/api/admin/roles").status()).isEqualTo(401);
        assertThat(successor.get("/api/admin/admin-tokens").body().path("tokens")).hasSize(1);
    }

    @Test
    void aGeneratedAdminTokenIsShownOnceAndListedOnlyByItsHintAndDates() {
        Tenant tenant = tenants.create();

        HttpCalls.Reply generated = tenant.admin().post("/api/admin/admin-tokens", "");
        JsonNode listed = tenant.admin().get("/api/admin/admin-tokens").body().path("tokens");

        assertThat(generated.status()).isEqualTo(201);
        String token = generated.body().path("token").asText();
        assertThat(calls(token).get("/api/admin/roles").status()).isEqualTo(200);
        assertThat(calls(token).get("/scim/v2/Users").status()).isEqualTo(401);
        assertThat(listed).hasSize(2);
        assertThat(listed.toString()).doesNotContain(token).doesNotContain(tenant.adminToken())
                .contains(generated.body().path("hint").asText());
        assertThat(listed.get(0).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "hint", "createdAt", "lastUsedAt", "expiresAt");
    }

    @Test
    void aRevokedAdminTokenIsRefusedAtOnce() {
        Tenant tenant = tenants.create();
        String firstId = onlyTokenId(tenant.admin(), "/api/admin/admin-tokens");
        HttpCalls second = calls(tenant.admin().post("/api/admin/admin-tokens", "").body().path("token").asText());

        assertThat(second.delete("/api/admin/admin-tokens/" + firstId).status()).isEqualTo(204);

        assertThat(tenant.admin().get("/api/admin/roles").status()).isEqualTo(401);
        assertThat(second.delete("/api/admin/admin-tokens/" + firstId).status()).isEqualTo(404);
        assertThat(second.get("/api/admin/roles").status()).isEqualTo(200);
    }

    @Test
    void aTenantCannotRevokeItsLastAdminToken() {
        Tenant tenant = tenants.create();
        String tokenId = onlyTokenId(tenant.admin(), "/api/admin/admin-tokens");

        HttpCalls.Reply refused = tenant.admin().delete("/api/admin/admin-tokens/" + tokenId);

        GroupCalls.assertScimError(refused, 409, null);
        assertThat(refused.body().path("detail").asText()).contains("last admin token").contains("Generate a new admin token first");
        assertThat(tenant.admin().get("/api/admin/roles").status()).isEqualTo(200);
    }

    @Test
    void anAdminTokenInItsOverlapDoesNotCountAsTheOneLeft() {
        Tenant tenant = tenants.create();
        String tokenId = onlyTokenId(tenant.admin(), "/api/admin/admin-tokens");
        JsonNode successor = tenant.admin().post("/api/admin/admin-tokens/" + tokenId + "/rotate", "").body();

        HttpCalls.Reply refused = tenant.admin().delete("/api/admin/admin-tokens/" + successor.path("id").asText());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(calls(successor.path("token").asText()).get("/api/admin/roles").status()).isEqualTo(200);
    }

    @Test
    void aTenantCannotRotateOrRevokeAnotherTenantsAdminToken() {
        Tenant a = tenants.create();
        Tenant b = tenants.create();
        String tokenOfA = onlyTokenId(a.admin(), "/api/admin/admin-tokens");
        a.admin().post("/api/admin/admin-tokens", "");

        assertThat(b.admin().post("/api/admin/admin-tokens/" + tokenOfA + "/rotate", "").status()).isEqualTo(404);
        assertThat(b.admin().delete("/api/admin/admin-tokens/" + tokenOfA).status()).isEqualTo(404);
        assertThat(a.admin().get("/api/admin/roles").status()).isEqualTo(200);
        assertThat(a.admin().get("/api/admin/admin-tokens").body().path("tokens"))
                .hasSize(2).allSatisfy(token -> assertThat(token.path("expiresAt").isNull()).isTrue());
    }

    @Test
    void adminTokensNeedAnAdminToken() {
        Tenant tenant = tenants.create();

        assertThat(tenant.scim().get("/api/admin/admin-tokens").status()).isEqualTo(401);
        assertThat(tenant.scim().post("/api/admin/admin-tokens", "").status()).isEqualTo(401);
        assertThat(tenant.admin().get("/api/admin/admin-tokens").body().path("tokens")).hasSize(1);
    }

    @Test
    void scimSettingsTellHowLongARotatedAdminTokenKeepsWorking() {
        JsonNode settings = tenants.create().admin().get("/api/admin/scim-settings").body();

        assertThat(settings.path("adminTokenRotationOverlap").asText()).isEqualTo("PT24H");
        assertThat(settings.path("adminTokenRotationOverlapHours").asLong()).isEqualTo(24);
    }
}
