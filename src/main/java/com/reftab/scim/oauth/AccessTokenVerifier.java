package com.reftab.scim.oauth;

import java.text.ParseException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Checks an access token this service's token endpoint issued, for a SCIM request: signed by a
 * published key of the installation, not expired, issued by the tenant's issuer for the SCIM API
 * at the address the request reached ({@code aud}), and its client still there. The signature and
 * claims are checked in memory; the client's existence is the one database fact, read through
 * {@link ClientStatus}'s short cache, so a valid token costs no database read per request.
 */
@Component
public class AccessTokenVerifier {

    /** Tenant of the token, a claim of its own beside the issuer. */
    public static final String TENANT_CLAIM = "tid";
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final SigningKeys keys;
    private final ClientStatus clients;
    private final InstantSource clock;

    public AccessTokenVerifier(SigningKeys keys, ClientStatus clients, @Qualifier("tokenClock") InstantSource clock) {
        this.keys = keys;
        this.clients = clients;
        this.clock = clock;
    }

    /** Whether a bearer token is shaped as a JWT (a SCIM token is a single base64url word, never with dots). */
    public static boolean looksLikeJwt(String token) {
        return token != null && token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    /** The tenant's issuer, whose token endpoint issues its access tokens. */
    public static String issuer(String baseUrl, String tenantId) {
        return baseUrl + "/oauth2/tenants/" + tenantId;
    }

    /** The audience of a tenant's access tokens: the SCIM base URL. */
    public static String audience(String baseUrl) {
        return baseUrl + "/scim/v2";
    }

    /**
     * @param baseUrl the address the request reached (the configured public URL, else its host)
     * @return the tenant the token opens
     * @throws InvalidAccessToken naming what is wrong
     */
    public String tenantFor(String token, String baseUrl) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidAccessToken("it is longer than " + MAX_TOKEN_LENGTH + " characters.");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidAccessToken("it is not a well-formed signed JWT.");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
            throw new InvalidAccessToken("it is not signed with RS256 by a key of this service.");
        }
        Optional<RSAKey> key = keys.verificationKey(jwt.getHeader().getKeyID());
        if (key.isEmpty()) {
            throw new InvalidAccessToken("it is signed with a key this service does not publish.");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key.get()))) {
                throw new InvalidAccessToken("its signature does not verify.");
            }
        } catch (JOSEException e) {
            throw new InvalidAccessToken("its signature does not verify.");
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || !expires.toInstant().isAfter(now)) {
            throw new InvalidAccessToken("it has expired.");
        }
        Object tenantClaim = claims.getClaim(TENANT_CLAIM);
        if (!(tenantClaim instanceof String tenantId) || tenantId.isEmpty()) {
            throw new InvalidAccessToken("it names no tenant.");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(audience(baseUrl))) {
            throw new InvalidAccessToken("its audience is not " + audience(baseUrl) + ".");
        }
        if (!issuer(baseUrl, tenantId).equals(claims.getIssuer())) {
            throw new InvalidAccessToken("it was not issued by this tenant's token endpoint at " + issuer(baseUrl, tenantId) + ".");
        }
        String clientId = claims.getSubject();
        if (clientId == null || !clients.tenantOf(clientId).map(tenantId::equals).orElse(false)) {
            throw new InvalidAccessToken("its client has been deleted.");
        }
        return tenantId;
    }
}
