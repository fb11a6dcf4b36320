package com.reftab.scim.oauth;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Checks an RFC 7523 client assertion the way Entra's workload identity federation sends it: a JWT
 * Entra issued, signed by a key its JWKS publishes, whose {@code iss}, {@code sub} and {@code aud}
 * are what the client's federated credential names, and not expired. (Spring Authorization
 * Server's own private_key_jwt wants iss and sub to be the client id, which Entra's never are.)
 * <p>
 * Fetching a JWKS is bounded: {@code reftab.oauth.jwks.timeout} for the whole fetch (connect,
 * headers and body), {@code max-bytes} read at most, {@code max-concurrent-fetches} at once across
 * all tenants (one more is refused at once), each document kept {@code cache-ttl}, an unknown key id
 * refetching at most once every {@code refetch-interval}, and at most {@code max-cached}
 * documents kept (one per URL, the least recently used dropped).
 */
@Component
public class FederatedAssertions {

    /** Leeway for clocks that differ a little between Entra and this service. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final OAuthSettings.Jwks settings;
    private final InstantSource clock;
    private final Map<String, JWKSource<SecurityContext>> sources;
    private final BoundedJwksRetriever retriever;

    public FederatedAssertions(OAuthSettings settings, @Qualifier("tokenClock") InstantSource clock) {
        this.settings = settings.jwks();
        this.clock = clock;
        int max = this.settings.maxCached();
        this.retriever = new BoundedJwksRetriever(this.settings.timeout(), this.settings.maxBytes(),
                this.settings.maxConcurrentFetches(), new JwksHosts(this.settings.allowInsecureHosts()));
        this.sources = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JWKSource<SecurityContext>> eldest) {
                return size() > max;
            }
        };
    }

    /** An assertion that does not stand for the client: the reason is told to the caller as invalid_client. */
    public static final class RefusedAssertion extends RuntimeException {
        RefusedAssertion(String reason) {
            super(reason);
        }
    }

    /** @throws RefusedAssertion naming what does not match */
    public void verify(String assertion, FederatedCredential credential) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.Family.RSA, source(credential.jwksUri())));
        // The claims are checked below, against this service's clock.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        JWTClaimsSet claims;
        try {
            claims = processor.process(assertion, null);
        } catch (ParseException e) {
            throw new RefusedAssertion("The client assertion is not a well-formed JWT.");
        } catch (BadJOSEException e) {
            throw new RefusedAssertion("The client assertion's signature does not verify with a key at the federated"
                    + " credential's JWKS URL.");
        } catch (JOSEException e) {
            throw new RefusedAssertion("The keys at the federated credential's JWKS URL could not be read.");
        } catch (RuntimeException e) {
            throw new RefusedAssertion("The client assertion could not be checked.");
        }
        if (!credential.issuer().equals(claims.getIssuer())) {
            throw new RefusedAssertion("The client assertion's issuer (iss) is not the federated credential's issuer.");
        }
        if (!credential.subject().equals(claims.getSubject())) {
            throw new RefusedAssertion("The client assertion's subject (sub) is not the federated credential's subject.");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(credential.audience())) {
            throw new RefusedAssertion("The client assertion's audience (aud) is not the federated credential's audience.");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || !expires.toInstant().plus(CLOCK_SKEW).isAfter(now)) {
            throw new RefusedAssertion("The client assertion has expired.");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new RefusedAssertion("The client assertion is not valid yet.");
        }
    }

    private JWKSource<SecurityContext> source(String jwksUri) {
        synchronized (sources) {
            return sources.computeIfAbsent(jwksUri, this::newSource);
        }
    }

    private JWKSource<SecurityContext> newSource(String jwksUri) {
        int timeout = (int) settings.timeout().toMillis();
        URL url;
        try {
            url = URI.create(jwksUri).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new RefusedAssertion("The federated credential's JWKS URL is not a URL.");
        }
        return JWKSourceBuilder.create(url, retriever)
                .cache(settings.cacheTtl().toMillis(), timeout)
                .refreshAheadCache(false)
                .rateLimited(settings.refetchInterval().toMillis())
                .retrying(false)
                .build();
    }
}
