package com.reftab.scim.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.reftab.scim.auth.ApiTokens.Installed;
import com.reftab.scim.auth.ApiTokens.NewToken;
import com.reftab.scim.auth.ApiTokens.Rotation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** A tenant's tokens through their life, on a real database, with time in the test's hands. */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:api-tokens;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/api-tokens"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class ApiTokensTest {

    private static final Duration OVERLAP = Duration.ofHours(24);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    private final AdjustableClock clock = AdjustableClock.startingNow();
    private final String tenant = "t-" + UUID.randomUUID();
    private ApiTokens tokens;

    @BeforeEach
    void tenant() {
        tokens = new ApiTokens(jdbc, transaction, clock);
        jdbc.update("insert into tenant (id, name, created_at) values (?, ?, ?)", tenant, "Test", Timestamp.from(Instant.now()));
    }

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void aRotatedTokenWorksUntilItsOverlapEndsAndIsRefusedFromThen(TokenKind kind) {
        NewToken old = tokens.create(tenant, kind);

        Rotation rotation = tokens.rotate(tenant, kind, old.info().id(), OVERLAP).orElseThrow();

        assertThat(rotation.previousExpiresAt()).isEqualTo(clock.instant().plus(OVERLAP));
        clock.moveTo(rotation.previousExpiresAt().minusMillis(1));
        assertThat(tokens.tenantFor(old.token(), kind)).contains(tenant);
        clock.moveTo(rotation.previousExpiresAt());
        assertThat(tokens.tenantFor(old.token(), kind)).isEmpty();
        assertThat(tokens.tenantFor(rotation.successor().token(), kind)).contains(tenant);
        assertThat(tokens.list(tenant, kind)).extracting(ApiTokens.TokenInfo::id).containsExactly(rotation.successor().info().id());
    }

    @Test
    void rotatingATokenAgainKeepsItsEarlierEnd() {
        NewToken old = tokens.create(tenant, TokenKind.SCIM);
        Instant firstEnd = tokens.rotate(tenant, TokenKind.SCIM, old.info().id(), OVERLAP).orElseThrow().previousExpiresAt();
        clock.advance(Duration.ofHours(1));

        Rotation again = tokens.rotate(tenant, TokenKind.SCIM, old.info().id(), OVERLAP).orElseThrow();

        assertThat(again.previousExpiresAt()).isEqualTo(firstEnd);
    }

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void aRevokedTokenIsRefusedAtOnce(TokenKind kind) {
        NewToken kept = tokens.create(tenant, kind);
        NewToken revoked = tokens.create(tenant, kind);

        assertThat(tokens.revoke(tenant, kind, revoked.info().id())).isTrue();

        assertThat(tokens.tenantFor(revoked.token(), kind)).isEmpty();
        assertThat(tokens.tenantFor(kept.token(), kind)).contains(tenant);
        assertThat(tokens.revoke(tenant, kind, revoked.info().id())).isFalse();
    }

    @Test
    void theLastAdminTokenCannotBeRevoked() {
        NewToken only = tokens.create(tenant, TokenKind.ADMIN);

        assertThatExceptionOfType(ApiTokens.LastTokenException.class)
                .isThrownBy(() -> tokens.revoke(tenant, TokenKind.ADMIN, only.info().id()));
        assertThat(tokens.tenantFor(only.token(), TokenKind.ADMIN)).contains(tenant);
    }

    @Test
    void anAdminTokenInItsOverlapDoesNotCountAsOneLeftStanding() {
        NewToken old = tokens.create(tenant, TokenKind.ADMIN);
        NewToken successor = tokens.rotate(tenant, TokenKind.ADMIN, old.info().id(), OVERLAP).orElseThrow().successor();

        assertThatExceptionOfType(ApiTokens.LastTokenException.class)
                .isThrownBy(() -> tokens.revoke(tenant, TokenKind.ADMIN, successor.info().id()));
        assertThat(tokens.revoke(tenant, TokenKind.ADMIN, old.info().id())).isTrue();
        assertThat(tokens.tenantFor(successor.token(), TokenKind.ADMIN)).contains(tenant);
    }

    @Test
    void theLastScimTokenMayBeRevoked() {
        NewToken only = tokens.create(tenant, TokenKind.SCIM);

        assertThat(tokens.revoke(tenant, TokenKind.SCIM, only.info().id())).isTrue();

        assertThat(tokens.hasLiveToken(tenant, TokenKind.SCIM)).isFalse();
    }

    @Test
    void aTokenOfAnotherTenantIsNeitherRotatedNorRevoked() {
        String other = "t-" + UUID.randomUUID();
        jdbc.update("insert into tenant (id, name, created_at) values (?, ?, ?)", other, "Other", Timestamp.from(Instant.now()));
        tokens.create(other, TokenKind.ADMIN);
        NewToken theirs = tokens.create(other, TokenKind.ADMIN);

        assertThat(tokens.rotate(tenant, TokenKind.ADMIN, theirs.info().id(), OVERLAP)).isEmpty();
        assertThat(tokens.revoke(tenant, TokenKind.ADMIN, theirs.info().id())).isFalse();
        assertThat(tokens.tenantFor(theirs.token(), TokenKind.ADMIN)).contains(other);
        assertThat(tokens.list(tenant, TokenKind.ADMIN)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void aNewConfiguredTokenRetiresEveryOtherTokenOfItsKind(TokenKind kind) {
        NewToken leaked = tokens.create(tenant, kind);
        NewToken rotatedOut = tokens.create(tenant, kind);
        tokens.rotate(tenant, kind, rotatedOut.info().id(), OVERLAP);
        TokenKind otherKind = kind == TokenKind.SCIM ? TokenKind.ADMIN : TokenKind.SCIM;
        NewToken ofTheOtherKind = tokens.create(tenant, otherKind);
        String configured = "configured-" + UUID.randomUUID();

        assertThat(tokens.install(tenant, kind, configured)).isEqualTo(Installed.REPLACED_OTHERS);

        assertThat(tokens.tenantFor(configured, kind)).contains(tenant);
        assertThat(tokens.tenantFor(leaked.token(), kind)).isEmpty();
        assertThat(tokens.tenantFor(rotatedOut.token(), kind)).isEmpty();
        assertThat(tokens.list(tenant, kind)).hasSize(1);
        assertThat(tokens.tenantFor(ofTheOtherKind.token(), otherKind)).contains(tenant);
    }

    @Test
    void theSameConfiguredTokenAgainKeepsTheTokensMadeSince() {
        String configured = "configured-" + UUID.randomUUID();
        tokens.install(tenant, TokenKind.ADMIN, configured);
        NewToken madeSince = tokens.create(tenant, TokenKind.ADMIN);

        assertThat(tokens.install(tenant, TokenKind.ADMIN, configured)).isEqualTo(Installed.ALREADY_LIVE);

        assertThat(tokens.tenantFor(madeSince.token(), TokenKind.ADMIN)).contains(tenant);
        assertThat(tokens.tenantFor(configured, TokenKind.ADMIN)).contains(tenant);
    }

    @Test
    void aConfiguredTokenRevokedSinceStaysRefusedAndRetiresNothing() {
        String configured = "configured-" + UUID.randomUUID();
        tokens.install(tenant, TokenKind.ADMIN, configured);
        NewToken madeSince = tokens.create(tenant, TokenKind.ADMIN);
        String configuredId = tokens.list(tenant, TokenKind.ADMIN).stream()
                .filter(token -> !token.id().equals(madeSince.info().id())).findFirst().orElseThrow().id();
        tokens.revoke(tenant, TokenKind.ADMIN, configuredId);

        assertThat(tokens.install(tenant, TokenKind.ADMIN, configured)).isEqualTo(Installed.RETIRED_EARLIER);

        assertThat(tokens.tenantFor(configured, TokenKind.ADMIN)).isEmpty();
        assertThat(tokens.tenantFor(madeSince.token(), TokenKind.ADMIN)).contains(tenant);
    }

    @Test
    void aConfiguredTokenThatIsAnotherKindsTokenIsRefused() {
        String configured = "configured-" + UUID.randomUUID();
        tokens.install(tenant, TokenKind.SCIM, configured);

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> tokens.install(tenant, TokenKind.ADMIN, configured))
                .withMessageContaining("already used for another purpose");
    }
}
