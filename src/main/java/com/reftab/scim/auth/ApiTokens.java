package com.reftab.scim.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Bearer tokens per tenant. Only a SHA-256 hash is stored (tokens are 256 random bits, so a slow
 * password hash would add nothing); lookup is by hash, and the hash found is compared again in
 * constant time. The token itself exists only in the answer that generated it.
 */
@Repository
public class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    public ApiTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the tenant the token belongs to, if it is a live token of that kind */
    public Optional<String> tenantFor(String token, TokenKind kind) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = hashBytes(token);
        String hash = HexFormat.of().formatHex(presented);
        List<String[]> rows = jdbc.query(
                "select id, tenant_id, token_hash from api_token where token_hash = ? and kind = ? and revoked_at is null",
                (rs, row) -> new String[] {rs.getString("id"), rs.getString("tenant_id"), rs.getString("token_hash")},
                hash, kind.column());
        for (String[] row : rows) {
            if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(row[2]))) {
                markUsed(row[0]);
                return Optional.of(row[1]);
            }
        }
        return Optional.empty();
    }

    /** Last use is kept to the minute, so busy tenants do not write (and lock) their token row on every call. */
    private void markUsed(String tokenId) {
        Instant now = Instant.now();
        jdbc.update("update api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)",
                Timestamp.from(now), tokenId, Timestamp.from(now.minusSeconds(60)));
    }

    public boolean hasLiveToken(String tenantId, TokenKind kind) {
        Integer count = jdbc.queryForObject(
                "select count(*) from api_token where tenant_id = ? and kind = ? and revoked_at is null",
                Integer.class, tenantId, kind.column());
        return count != null && count > 0;
    }

    /** Stores a token chosen by the operator (REFTAB_SCIM_TOKEN), unless it is stored already. */
    public void ensure(String tenantId, TokenKind kind, String token) {
        String hash = HexFormat.of().formatHex(hashBytes(token));
        List<String> owners = jdbc.queryForList("select tenant_id || '/' || kind from api_token where token_hash = ?",
                String.class, hash);
        if (!owners.isEmpty()) {
            if (!owners.contains(tenantId + "/" + kind.column())) {
                throw new IllegalStateException("The configured " + kind + " token is already used for another purpose;"
                        + " give each token its own value.");
            }
            return;
        }
        try {
            store(tenantId, kind, token, hash);
        } catch (DuplicateKeyException e) {
            // Another instance stored the same token at the same moment.
        }
    }

    /** @return the new token, to be shown once */
    public String generate(String tenantId, TokenKind kind) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        store(tenantId, kind, token, HexFormat.of().formatHex(hashBytes(token)));
        return token;
    }

    private void store(String tenantId, TokenKind kind, String token, String hash) {
        String hint = token.length() > 8 ? "…" + token.substring(token.length() - 4) : "…";
        jdbc.update("insert into api_token (id, tenant_id, kind, token_hash, hint, created_at) values (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), tenantId, kind.column(), hash, hint, Timestamp.from(Instant.now()));
    }

    private static byte[] hashBytes(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
