package com.reftab.scim.oauth;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The installation's keys that sign access tokens, kept in the database so every instance signs
 * and checks with the same ones. The newest key signs; once it is older than
 * {@code reftab.oauth.signing-key-rotation} the next token request makes a new one. A key stays
 * published (and accepted) until every token it can have signed has expired: for the rotation
 * period plus a token's lifetime after it was made. The private key never leaves the service: the
 * JWKS endpoint publishes the public parts only, and no API returns a key; it is stored sealed
 * when {@code REFTAB_OAUTH_SIGNING_KEY_SECRET} is set ({@link KeyEncryption}).
 * Keys are held in memory; an unknown key id (a key another instance just made) reads the
 * database again, at most once every {@link #RELOAD_INTERVAL}.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    static final Duration RELOAD_INTERVAL = Duration.ofSeconds(5);

    private record StoredKey(RSAKey key, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;
    private final InstantSource clock;
    private final Duration rotation;
    private final Duration published;
    private final KeyEncryption encryption;
    private volatile List<StoredKey> keys = List.of();
    private volatile Instant loadedAt = Instant.MIN;

    public SigningKeys(JdbcTemplate jdbc, @Qualifier("tokenClock") InstantSource clock, OAuthSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rotation = settings.signingKeyRotation();
        this.published = settings.signingKeyRotation().plus(settings.accessTokenLifetime());
        this.encryption = new KeyEncryption(settings.signingKeySecret());
    }

    /** The key that signs now, made when there is none younger than the rotation period. */
    public synchronized RSAKey signingKey() {
        Instant now = clock.instant();
        Optional<StoredKey> newest = newest();
        if (newest.isEmpty() || !newest.get().createdAt().plus(rotation).isAfter(now)) {
            load(now);
            newest = newest();
            if (newest.isEmpty() || !newest.get().createdAt().plus(rotation).isAfter(now)) {
                store(generate(), now);
                load(now);
                newest = newest();
            }
        }
        return newest.orElseThrow().key();
    }

    /** The published key with this id, private parts removed; reloads once for a key not seen yet. */
    public Optional<RSAKey> verificationKey(String kid) {
        Instant now = clock.instant();
        Optional<RSAKey> found = publishedAt(now).stream().filter(key -> key.getKeyID().equals(kid)).findFirst();
        if (found.isEmpty() && !loadedAt.plus(RELOAD_INTERVAL).isAfter(now)) {
            synchronized (this) {
                // Several requests may name the same new key at once: one of them reloads.
                if (!loadedAt.plus(RELOAD_INTERVAL).isAfter(now)) {
                    load(now);
                }
            }
            found = publishedAt(now).stream().filter(key -> key.getKeyID().equals(kid)).findFirst();
        }
        return found.map(RSAKey::toPublicJWK);
    }

    /** For Spring Authorization Server: signing (with the private parts) and the JWKS endpoint (public parts only). */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        signingKey();
        return selector.select(new JWKSet(List.<JWK>copyOf(publishedAt(clock.instant()))));
    }

    private List<RSAKey> publishedAt(Instant now) {
        Optional<StoredKey> newest = newest();
        return keys.stream()
                .filter(key -> key.createdAt().plus(published).isAfter(now) || newest.map(key::equals).orElse(false))
                .map(StoredKey::key)
                .toList();
    }

    private Optional<StoredKey> newest() {
        return keys.stream().max(Comparator.comparing(StoredKey::createdAt));
    }

    private void load(Instant now) {
        // Counted from the attempt: a key that cannot be read is not read again for every token naming an unknown key.
        loadedAt = now;
        keys = jdbc.query("select private_key, created_at from oauth_signing_key", (rs, row) -> {
            try {
                return new StoredKey(RSAKey.parse(encryption.open(rs.getString("private_key"))), rs.getTimestamp("created_at").toInstant());
            } catch (ParseException e) {
                throw new IllegalStateException("A stored signing key cannot be read", e);
            }
        });
    }

    private void store(RSAKey key, Instant now) {
        jdbc.update("insert into oauth_signing_key (id, private_key, public_key, created_at) values (?, ?, ?, ?)",
                key.getKeyID(), encryption.seal(key.toJSONString()), key.toPublicJWK().toJSONString(), Timestamp.from(now));
        // Keys too old to have signed a live token are of no further use.
        jdbc.update("delete from oauth_signing_key where created_at < ?", Timestamp.from(now.minus(published)));
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("No RSA key could be generated", e);
        }
    }
}
