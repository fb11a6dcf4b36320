package com.reftab.scim.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.reftab.scim.auth.ApiTokens.NewToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A token found live is not read again for {@code reftab.token-check-cache}: what that may delay
 * (a change made by another instance, within the bound) and what it never does (a change made
 * here, a token's end, the last use kept to the minute).
 */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:token-check-cache;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/token-check-cache"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class TokenCheckCacheTest {

    private static final Duration CACHE = Duration.ofSeconds(5);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    private final AdjustableClock clock = AdjustableClock.startingNow();
    private final String tenant = "t-" + UUID.randomUUID();

    @BeforeEach
    void tenant() {
        jdbc.update("insert into tenant (id, name, created_at) values (?, ?, ?)", tenant, "Test", Timestamp.from(Instant.now()));
    }

    private ApiTokens tokens(Duration cache) {
        return new ApiTokens(jdbc, transaction, clock, cache);
    }

    private void revokeAsAnotherInstanceWould(NewToken token) {
        jdbc.update("update api_token set revoked_at = ? where id = ?", Timestamp.from(clock.instant()), token.info().id());
    }

    @Test
    void aTokenCheckedAMomentAgoIsNotReadAgainWithinTheBound() {
        ApiTokens tokens = tokens(CACHE);
        NewToken token = tokens.create(tenant, TokenKind.SCIM);
        assertThat(tokens.tenantFor(token.token(), TokenKind.SCIM)).contains(tenant);

        jdbc.update("delete from api_token where id = ?", token.info().id());
        clock.advance(CACHE.minusMillis(1));

        assertThat(tokens.tenantFor(token.token(), TokenKind.SCIM)).contains(tenant);
    }

    @Test
    void aTokenRevokedByAnotherInstanceIsRefusedOnceTheBoundHasPassed() {
        ApiTokens tokens = tokens(CACHE);
        NewToken token = tokens.create(tenant, TokenKind.SCIM);
        assertThat(tokens.tenantFor(token.token(), TokenKind.SCIM)).contains(tenant);

        revokeAsAnotherInstanceWould(token);
        clock.advance(CACHE);

        assertThat(tokens.tenantFor(token.token(), TokenKind.SCIM)).isEmpty();
    }

    @Test
    void withNoCacheARevocationByAnotherInstanceIsRefusedAtOnce() {
        ApiTokens tokens = tokens(Duration.ZERO);
        NewToken token = tokens.create(tenant, TokenKind.SCIM);
        assertThat(tokens.tenantFor(token.token(), TokenKind.SCIM)).contains(tenant);

        revokeAsAnotherInstanceWould(token);

        assertThat(tokens.tenantFor(token.token(), TokenKind.SCIM)).isEmpty();
    }

    @Test
    void aTokenCheckedJustBeforeItIsRevokedHereIsRefusedAtOnce() {
        ApiTokens tokens = tokens(CACHE);
        NewToken kept = tokens.create(tenant, TokenKind.ADMIN);
        NewToken revoked = tokens.create(tenant, TokenKind.ADMIN);
        assertThat(tokens.tenantFor(revoked.token(), TokenKind.ADMIN)).contains(tenant);

        assertThat(tokens.revoke(tenant, TokenKind.ADMIN, revoked.info().id())).isTrue();

        assertThat(tokens.tenantFor(revoked.token(), TokenKind.ADMIN)).isEmpty();
        assertThat(tokens.tenantFor(kept.token(), TokenKind.ADMIN)).contains(tenant);
    }

    @Test
    void aTokenCheckedJustBeforeAConfiguredTokenRetiresItIsRefusedAtOnce() {
        ApiTokens tokens = tokens(CACHE);
        NewToken leaked = tokens.create(tenant, TokenKind.SCIM);
        assertThat(tokens.tenantFor(leaked.token(), TokenKind.SCIM)).contains(tenant);

        tokens.install(tenant, TokenKind.SCIM, "configured-" + UUID.randomUUID());

        assertThat(tokens.tenantFor(leaked.token(), TokenKind.SCIM)).isEmpty();
    }

    @Test
    void aRotatedTokenCheckedWithinTheBoundStopsExactlyAtItsEnd() {
        ApiTokens tokens = tokens(CACHE);
        NewToken old = tokens.create(tenant, TokenKind.SCIM);
        Instant end = tokens.rotate(tenant, TokenKind.SCIM, old.info().id(), Duration.ofSeconds(2)).orElseThrow()
                .previousExpiresAt();
        assertThat(tokens.tenantFor(old.token(), TokenKind.SCIM)).contains(tenant);

        clock.moveTo(end.minusMillis(1));
        assertThat(tokens.tenantFor(old.token(), TokenKind.SCIM)).contains(tenant);
        clock.moveTo(end);
        assertThat(tokens.tenantFor(old.token(), TokenKind.SCIM)).isEmpty();
    }

    @Test
    void theLastUseIsStillWrittenToTheMinuteWhileTheTokenIsNotReadAgain() {
        ApiTokens tokens = tokens(Duration.ofMinutes(10));
        NewToken token = tokens.create(tenant, TokenKind.SCIM);
        tokens.tenantFor(token.token(), TokenKind.SCIM);
        Instant firstUse = clock.instant();

        clock.advance(Duration.ofSeconds(30));
        tokens.tenantFor(token.token(), TokenKind.SCIM);
        assertThat(lastUse(token)).isEqualTo(firstUse);

        clock.advance(Duration.ofSeconds(31));
        tokens.tenantFor(token.token(), TokenKind.SCIM);
        assertThat(lastUse(token)).isEqualTo(clock.instant());
    }

    private Instant lastUse(NewToken token) {
        return jdbc.queryForObject("select last_used_at from api_token where id = ?", Timestamp.class, token.info().id())
                .toInstant();
    }
}
