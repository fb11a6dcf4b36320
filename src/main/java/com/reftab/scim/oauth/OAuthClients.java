package com.reftab.scim.oauth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.reftab.scim.protocol.ScimException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tenant's OAuth 2.0 clients and their secrets. A client has several secrets at once (rotation:
 * add one, update Entra, revoke the old one), each shown once, kept as a SHA-256 hash (256 random
 * bits, so a slow hash would add nothing), compared in constant time, expiring after 1 to 3 years
 * and revocable. Every change of a tenant's clients is made under a lock on the tenant's row, so
 * the bounds on clients and secrets hold under concurrent calls.
 */
@Repository
public class OAuthClients {

    /** Revoked or expired secrets a client keeps for its history. */
    static final int DEAD_SECRET_HISTORY = 20;


    private static final SecureRandom RANDOM = new SecureRandom();

    /** A secret as listed: never the secret, only its last characters as a hint. */
    public record SecretInfo(String id, String hint, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    }

    /** A client as listed. */
    public record Client(String clientId, String tenantId, String name, Instant createdAt,
                         FederatedCredential federatedCredential, List<SecretInfo> secrets) {
    }

    /** A secret just made: the secret itself, shown once, and how it is listed. */
    public record NewSecret(String secret, SecretInfo info) {
        @Override
        public String toString() {
            return "NewSecret[" + info + "]";
        }
    }

    /** A client just made, with its first secret. */
    public record NewClient(Client client, NewSecret secret) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final InstantSource clock;
    private final OAuthSettings settings;
    private final ClientStatus status;

    public OAuthClients(JdbcTemplate jdbc, TransactionTemplate transaction, @Qualifier("tokenClock") InstantSource clock,
                        OAuthSettings settings, ClientStatus status) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.settings = settings;
        this.status = status;
    }

    /**
     * @param secretLifetimeDays null for the configured default
     * @throws ScimException 409 when the tenant has its most clients, 400 for a lifetime out of bounds
     */
    public NewClient create(String tenantId, String name, FederatedCredential federated, Integer secretLifetimeDays) {
        checkJwksHost(federated);
        Duration lifetime = secretLifetime(secretLifetimeDays);
        String clientName = name == null || name.isBlank() ? "Microsoft Entra ID" : name.trim();
        if (clientName.length() > 200) {
            throw ScimException.invalidValue("name is longer than 200 characters.");
        }
        return transaction.execute(tx -> {
            lockTenant(tenantId);
            Integer count = jdbc.queryForObject("select count(*) from oauth_client where tenant_id = ?", Integer.class, tenantId);
            if (count != null && count >= settings.maxClientsPerTenant()) {
                throw new ScimException(409, null, "This tenant has " + count + " OAuth clients, the most it may have"
                        + " (reftab.oauth.max-clients-per-tenant = " + settings.maxClientsPerTenant() + "); delete one first.");
            }
            String clientId = UUID.randomUUID().toString();
            Instant now = clock.instant();
            jdbc.update("insert into oauth_client (id, tenant_id, name, created_at, fed_issuer, fed_subject, fed_audience,"
                            + " fed_jwks_uri) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    clientId, tenantId, clientName, Timestamp.from(now),
                    federated == null ? null : federated.issuer(), federated == null ? null : federated.subject(),
                    federated == null ? null : federated.audience(), federated == null ? null : federated.jwksUri());
            NewSecret secret = storeSecret(clientId, now, lifetime);
            return new NewClient(find(tenantId, clientId).orElseThrow(), secret);
        });
    }

    /** The tenant's clients, oldest first, each with all its secrets (revoked and expired ones too), newest first. */
    public List<Client> list(String tenantId) {
        Map<String, Client> clients = new LinkedHashMap<>();
        jdbc.query("select * from oauth_client where tenant_id = ? order by created_at, id",
                (ResultSet rs) -> {
                    Client client = client(rs, new ArrayList<>());
                    clients.put(client.clientId(), client);
                }, tenantId);
        jdbc.query("select s.* from oauth_client_secret s join oauth_client c on c.id = s.client_id where c.tenant_id = ?"
                        + " order by s.created_at desc, s.id",
                (ResultSet rs) -> {
                    Client client = clients.get(rs.getString("client_id"));
                    if (client != null) {
                        client.secrets().add(secret(rs));
                    }
                }, tenantId);
        return List.copyOf(clients.values());
    }

    public Optional<Client> find(String tenantId, String clientId) {
        if (tenantId == null || clientId == null) {
            return Optional.empty();
        }
        return list(tenantId).stream().filter(client -> client.clientId().equals(clientId)).findFirst();
    }

    /** The client without its secrets: what authenticating a token request needs. */
    public Optional<Client> findForAuthentication(String tenantId, String clientId) {
        if (tenantId == null || clientId == null || clientId.length() > 64) {
            return Optional.empty();
        }
        return jdbc.query("select * from oauth_client where id = ? and tenant_id = ?",
                (rs, row) -> client(rs, List.of()), clientId, tenantId).stream().findFirst();
    }

    /**
     * @return whether the secret is one of the client's live secrets; each live secret's hash is
     * compared in constant time, so the answer takes as long whichever matched
     */
    public boolean secretMatches(String clientId, String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] hash = SecretHash.of(presented);
        List<byte[]> live = jdbc.query("select secret_hash from oauth_client_secret where client_id = ? and revoked_at is null"
                        + " and expires_at > ?",
                (rs, row) -> HexFormat.of().parseHex(rs.getString("secret_hash")), clientId, Timestamp.from(clock.instant()));
        boolean matched = false;
        for (byte[] stored : live) {
            matched |= MessageDigest.isEqual(hash, stored);
        }
        return matched;
    }

    /**
     * Another live secret for the client, beside those it has (rotation).
     * @return empty when the tenant has no such client
     * @throws ScimException 409 when the client has its most live secrets
     */
    public Optional<NewSecret> addSecret(String tenantId, String clientId, Integer secretLifetimeDays) {
        Duration lifetime = secretLifetime(secretLifetimeDays);
        return transaction.execute(tx -> {
            lockTenant(tenantId);
            if (findForAuthentication(tenantId, clientId).isEmpty()) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            Integer live = jdbc.queryForObject("select count(*) from oauth_client_secret where client_id = ?"
                    + " and revoked_at is null and expires_at > ?", Integer.class, clientId, Timestamp.from(now));
            if (live != null && live >= settings.maxSecretsPerClient()) {
                throw new ScimException(409, null, "This client has " + live + " live secrets, the most it may have"
                        + " (reftab.oauth.max-secrets-per-client = " + settings.maxSecretsPerClient() + "); revoke one first.");
            }
            forgetDeadSecretsBeyondHistory(clientId, now);
            return Optional.of(storeSecret(clientId, now, lifetime));
        });
    }

    /**
     * Revoked and expired secrets stay listed for the console's history, the newest
     * {@value #DEAD_SECRET_HISTORY} of them: rotating in a loop must not grow the table, or the
     * clients list, without end.
     */
    private void forgetDeadSecretsBeyondHistory(String clientId, Instant now) {
        Timestamp at = Timestamp.from(now);
        jdbc.update("delete from oauth_client_secret where client_id = ? and (revoked_at is not null or expires_at <= ?)"
                + " and id not in (select id from (select id from oauth_client_secret where client_id = ?"
                + " and (revoked_at is not null or expires_at <= ?) order by created_at desc, id limit "
                + DEAD_SECRET_HISTORY + ") kept)", clientId, at, clientId, at);
    }

    /** @return whether the tenant's client had that secret unrevoked */
    public boolean revokeSecret(String tenantId, String clientId, String secretId) {
        return jdbc.update("update oauth_client_secret set revoked_at = ? where id = ? and client_id = ? and revoked_at is null"
                        + " and client_id in (select id from oauth_client where tenant_id = ?)",
                Timestamp.from(clock.instant()), secretId, clientId, tenantId) == 1;
    }

    /** @param federated null removes the federated credential */
    public boolean setFederatedCredential(String tenantId, String clientId, FederatedCredential federated) {
        checkJwksHost(federated);
        return jdbc.update("update oauth_client set fed_issuer = ?, fed_subject = ?, fed_audience = ?, fed_jwks_uri = ?"
                        + " where id = ? and tenant_id = ?",
                federated == null ? null : federated.issuer(), federated == null ? null : federated.subject(),
                federated == null ? null : federated.audience(), federated == null ? null : federated.jwksUri(),
                clientId, tenantId) == 1;
    }

    /** Deletes the client and its secrets; its access tokens stop working at once on this instance. */
    public boolean delete(String tenantId, String clientId) {
        boolean deleted = Boolean.TRUE.equals(transaction.execute(tx -> {
            lockTenant(tenantId);
            jdbc.update("delete from oauth_client_secret where client_id in (select id from oauth_client where id = ? and tenant_id = ?)",
                    clientId, tenantId);
            return jdbc.update("delete from oauth_client where id = ? and tenant_id = ?", clientId, tenantId) == 1;
        }));
        status.forget(clientId);
        return deleted;
    }

    private Duration secretLifetime(Integer days) {
        int value = days == null ? settings.secretLifetimeDays() : days;
        if (value < OAuthSettings.MIN_SECRET_DAYS || value > OAuthSettings.MAX_SECRET_DAYS) {
            throw ScimException.invalidValue("secretLifetimeDays must be between " + OAuthSettings.MIN_SECRET_DAYS + " and "
                    + OAuthSettings.MAX_SECRET_DAYS + " (1 to 3 years), not " + value + ".");
        }
        return Duration.ofDays(value);
    }

    private void lockTenant(String tenantId) {
        List<String> found = jdbc.queryForList("select id from tenant where id = ? for update", String.class, tenantId);
        if (found.isEmpty()) {
            throw ScimException.notFound("No such tenant.");
        }
    }

    private NewSecret storeSecret(String clientId, Instant now, Duration lifetime) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String id = UUID.randomUUID().toString();
        String hint = "…" + secret.substring(secret.length() - 4);
        Instant expires = now.plus(lifetime);
        jdbc.update("insert into oauth_client_secret (id, client_id, secret_hash, hint, created_at, expires_at)"
                        + " values (?, ?, ?, ?, ?, ?)",
                id, clientId, HexFormat.of().formatHex(SecretHash.of(secret)), hint, Timestamp.from(now), Timestamp.from(expires));
        return new NewSecret(secret, new SecretInfo(id, hint, now, expires, null));
    }

    private static Client client(ResultSet rs, List<SecretInfo> secrets) throws SQLException {
        FederatedCredential federated = rs.getString("fed_issuer") == null ? null : new FederatedCredential(
                rs.getString("fed_issuer"), rs.getString("fed_subject"), rs.getString("fed_audience"), rs.getString("fed_jwks_uri"));
        return new Client(rs.getString("id"), rs.getString("tenant_id"), rs.getString("name"),
                rs.getTimestamp("created_at").toInstant(), federated, secrets);
    }

    private static SecretInfo secret(ResultSet rs) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new SecretInfo(rs.getString("id"), rs.getString("hint"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), revoked == null ? null : revoked.toInstant());
    }

    /** @throws ScimException 400 invalidValue when the JWKS URL is not https or its host not public */
    private void checkJwksHost(FederatedCredential federated) {
        if (federated == null) {
            return;
        }
        try {
            new JwksHosts(settings.jwks().allowInsecureHosts()).checkWhenSaved(federated.jwksUri());
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidValue(e.getMessage());
        }
    }
}
