package com.reftab.scim.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.reftab.scim.auth.VerifiedTokens.Verified;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bearer tokens per tenant and kind, and their whole life: made, listed, rotated with an overlap,
 * revoked, replaced by one the operator configured. Only a SHA-256 hash is stored (tokens are 256
 * random bits, so a slow password hash would add nothing); lookup is by hash, and the hash found
 * is compared again in constant time. The token itself exists only in the answer that generated it.
 * Every "now" comes from one clock, so a test can move past a rotation's overlap.
 * A token found live is taken as live for {@code reftab.token-check-cache} (5 s) without reading
 * it again ({@link VerifiedTokens}), but never past its own end; a change made here is seen at once.
 */
@Repository
public class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final InstantSource clock;
    private final VerifiedTokens verified;

    /** With the default time a token found live is taken as live (5 s). */
    public ApiTokens(JdbcTemplate jdbc, TransactionTemplate transaction, InstantSource clock) {
        this(jdbc, transaction, clock, DEFAULT_CHECK_CACHE);
    }

    /** @param checkCache how long a token found live is taken as live without reading it again; zero: never */
    @Autowired
    public ApiTokens(JdbcTemplate jdbc, TransactionTemplate transaction, @Qualifier("tokenClock") InstantSource clock,
                     @Value("${reftab.token-check-cache:5s}") Duration checkCache) {
        if (checkCache.isNegative()) {
            throw new IllegalArgumentException("reftab.token-check-cache must not be negative: " + checkCache);
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.verified = new VerifiedTokens(checkCache);
    }

    public static final Duration DEFAULT_CHECK_CACHE = Duration.ofSeconds(5);

    /** A token just made: the secret, shown once, and the record it is listed by. */
    public record NewToken(String token, TokenInfo info) {
    }

    /** What is kept of a token: never the token itself, only its last characters as a hint. */
    public record TokenInfo(String id, String hint, Instant createdAt, Instant lastUsedAt, Instant expiresAt) {
    }

    /** A rotation: the successor, and when the token it replaces stops working. */
    public record Rotation(NewToken successor, Instant previousExpiresAt) {
    }

    /** What starting with an operator's configured token did. */
    public enum Installed {
        /** It is the tenant's live token already (a restart with the same setting): nothing changed. */
        ALREADY_LIVE,
        /** It is new: stored, and every other token of its kind retired. */
        REPLACED_OTHERS,
        /** It was revoked or its rotation overlap ended: it stays refused, and nothing else changed. */
        RETIRED_EARLIER
    }

    /** A refusal to revoke that would leave the tenant without a lasting token of the kind. */
    public static final class LastTokenException extends RuntimeException {
        LastTokenException() {
            super("last lasting token");
        }
    }

    /** @return the tenant the token belongs to, if it is a live token of that kind */
    public Optional<String> tenantFor(String token, TokenKind kind) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = hash(token);
        String hash = HexFormat.of().formatHex(presented);
        Instant now = clock.instant();
        Optional<Verified> known = verified.find(hash, kind, now);
        if (known.isPresent() && MessageDigest.isEqual(presented, known.get().hash())) {
            Verified entry = known.get();
            if (!entry.usedAt().isAfter(now.minus(LAST_USE_PRECISION))) {
                markUsed(entry.tokenId(), now);
                verified.used(hash, kind, entry, now);
            }
            return Optional.of(entry.tenantId());
        }
        long changesBeforeRead = verified.changesSoFar();
        List<Verified> rows = jdbc.query(
                "select id, tenant_id, token_hash, expires_at from api_token where token_hash = ? and kind = ? and " + LIVE,
                (rs, row) -> new Verified(HexFormat.of().parseHex(rs.getString("token_hash")), rs.getString("id"),
                        rs.getString("tenant_id"), instant(rs.getTimestamp("expires_at")), now, now),
                hash, kind.column(), Timestamp.from(now));
        for (Verified row : rows) {
            if (MessageDigest.isEqual(presented, row.hash())) {
                markUsed(row.tokenId(), now);
                verified.remember(hash, kind, row, changesBeforeRead);
                return Optional.of(row.tenantId());
            }
        }
        return Optional.empty();
    }

    private static final Duration LAST_USE_PRECISION = Duration.ofSeconds(60);

    /** Tokens changed: forgotten now, and again once the caller's transaction (if any) has ended. */
    private void forgetVerified() {
        verified.forgetAll();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    verified.forgetAll();
                }
            });
        }
    }

    /** Not revoked, and not past the end of a rotation's overlap (one bound parameter: now). */
    private static final String LIVE = "revoked_at is null and (expires_at is null or expires_at > ?)";

    /** Last use is kept to the minute, so busy tenants do not write (and lock) their token row on every call. */
    private void markUsed(String tokenId, Instant now) {
        jdbc.update("update api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)",
                Timestamp.from(now), tokenId, Timestamp.from(now.minus(LAST_USE_PRECISION)));
    }

    public boolean hasLiveToken(String tenantId, TokenKind kind) {
        Integer count = jdbc.queryForObject("select count(*) from api_token where tenant_id = ? and kind = ? and " + LIVE,
                Integer.class, tenantId, kind.column(), now());
        return count != null && count > 0;
    }

    /**
     * Makes a token chosen by the operator ({@code REFTAB_SCIM_TOKEN}, {@code REFTAB_ADMIN_TOKEN})
     * the tenant's token of that kind. A new one retires the others, so setting a new value is how
     * a leaked token is retired; one already live changes nothing, so restarts keep tokens made
     * since; one revoked or expired stays so (the setting never brings a retired token back).
     * Several instances may start with the same value at once: each step is safe to repeat.
     */
    public Installed install(String tenantId, TokenKind kind, String token) {
        try {
            return installOnce(tenantId, kind, token);
        } finally {
            forgetVerified();
        }
    }

    private Installed installOnce(String tenantId, TokenKind kind, String token) {
        String hash = HexFormat.of().formatHex(hash(token));
        return transaction.execute(status -> {
            List<StoredHash> stored = jdbc.query(
                    "select tenant_id, kind, revoked_at, expires_at from api_token where token_hash = ?",
                    (rs, row) -> new StoredHash(rs.getString("tenant_id"), rs.getString("kind"),
                            instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("expires_at"))),
                    hash);
            if (stored.stream().anyMatch(row -> !row.tenantId().equals(tenantId) || !row.kind().equals(kind.column()))) {
                throw new IllegalStateException("The configured " + kind + " token is already used for another purpose;"
                        + " give each token its own value.");
            }
            if (!stored.isEmpty()) {
                return stored.get(0).liveAt(clock.instant()) ? Installed.ALREADY_LIVE : Installed.RETIRED_EARLIER;
            }
            // Another instance may store the same token at the same moment: its insert wins, this one
            // is undone alone (PostgreSQL aborts a transaction on any failed statement), and retiring
            // the others is still due.
            Object beforeInsert = status.createSavepoint();
            try {
                store(tenantId, kind, token, hash);
                status.releaseSavepoint(beforeInsert);
            } catch (DuplicateKeyException e) {
                status.rollbackToSavepoint(beforeInsert);
            }
            jdbc.update("update api_token set revoked_at = ? where tenant_id = ? and kind = ? and token_hash <> ?"
                    + " and revoked_at is null", now(), tenantId, kind.column(), hash);
            return Installed.REPLACED_OTHERS;
        });
    }

    private record StoredHash(String tenantId, String kind, Instant revokedAt, Instant expiresAt) {
        boolean liveAt(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    /** @return the new token, to be shown once */
    public String generate(String tenantId, TokenKind kind) {
        return create(tenantId, kind).token();
    }

    public NewToken create(String tenantId, TokenKind kind) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new NewToken(token, store(tenantId, kind, token, HexFormat.of().formatHex(hash(token))));
    }

    /** The tenant's live tokens of a kind, newest first. */
    public List<TokenInfo> list(String tenantId, TokenKind kind) {
        return jdbc.query("select id, hint, created_at, last_used_at, expires_at from api_token where tenant_id = ?"
                        + " and kind = ? and " + LIVE + " order by created_at desc, id",
                (rs, row) -> new TokenInfo(rs.getString("id"), rs.getString("hint"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("expires_at"))),
                tenantId, kind.column(), now());
    }

    /**
     * Replaces a token: the new one works at once, the old one until the overlap ends (a token
     * rotated before keeps its earlier end). Both happen or neither.
     * @return the new token and the old one's end, or empty when the tenant has no such live token
     */
    public Optional<Rotation> rotate(String tenantId, TokenKind kind, String tokenId, Duration overlap) {
        try {
            return rotateOnce(tenantId, kind, tokenId, overlap);
        } finally {
            forgetVerified();
        }
    }

    private Optional<Rotation> rotateOnce(String tenantId, TokenKind kind, String tokenId, Duration overlap) {
        return transaction.execute(status -> {
            Instant ends = clock.instant().plus(overlap);
            jdbc.update("update api_token set expires_at = ? where id = ? and tenant_id = ? and kind = ?"
                            + " and revoked_at is null and (expires_at is null or expires_at > ?)",
                    Timestamp.from(ends), tokenId, tenantId, kind.column(), Timestamp.from(ends));
            Optional<TokenInfo> previous = list(tenantId, kind).stream().filter(t -> t.id().equals(tokenId)).findFirst();
            return previous.map(token -> new Rotation(create(tenantId, kind), token.expiresAt()));
        });
    }

    /**
     * Revokes a token at once. For a kind that {@linkplain TokenKind#keepsOneLasting() keeps one
     * lasting}, refuses when no other live token of the kind without an end would remain (a token in
     * its rotation overlap stops by itself, so it does not count): the tenant could not reach its
     * admin API any more. The tenant's live tokens
     * of the kind are locked first, so two revocations at once cannot each leave the other's token
     * as the last one and so leave none.
     * @return whether the tenant had that live token
     * @throws LastTokenException when the revocation would leave no lasting token
     */
    public boolean revoke(String tenantId, TokenKind kind, String tokenId) {
        try {
            return revokeOnce(tenantId, kind, tokenId);
        } finally {
            forgetVerified();
        }
    }

    private boolean revokeOnce(String tenantId, TokenKind kind, String tokenId) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            Instant now = clock.instant();
            List<TokenInfo> live = jdbc.query("select id, expires_at from api_token where tenant_id = ? and kind = ? and "
                            + LIVE + " order by id for update",
                    (rs, row) -> new TokenInfo(rs.getString("id"), null, null, null, instant(rs.getTimestamp("expires_at"))),
                    tenantId, kind.column(), Timestamp.from(now));
            if (live.stream().noneMatch(token -> token.id().equals(tokenId))) {
                return false;
            }
            if (kind.keepsOneLasting() && live.stream().noneMatch(token -> !token.id().equals(tokenId) && token.expiresAt() == null)) {
                throw new LastTokenException();
            }
            return jdbc.update("update api_token set revoked_at = ? where id = ? and tenant_id = ? and kind = ? and revoked_at is null",
                    Timestamp.from(now), tokenId, tenantId, kind.column()) == 1;
        }));
    }

    private TokenInfo store(String tenantId, TokenKind kind, String token, String hash) {
        String hint = token.length() > 8 ? "…" + token.substring(token.length() - 4) : "…";
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.update("insert into api_token (id, tenant_id, kind, token_hash, hint, created_at) values (?, ?, ?, ?, ?, ?)",
                id, tenantId, kind.column(), hash, hint, Timestamp.from(now));
        return new TokenInfo(id, hint, now, null, null);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Constant-time check of a presented secret against the hash of one held in configuration. */
    public static boolean matches(String presented, byte[] expectedHash) {
        return presented != null && expectedHash != null && MessageDigest.isEqual(hash(presented), expectedHash);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
