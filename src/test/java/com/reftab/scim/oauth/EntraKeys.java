package com.reftab.scim.oauth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Microsoft Entra ID's side of workload identity federation, played in the test: its signing keys,
 * published as a JWKS by a real HTTP server on the loopback address (which keys it publishes can
 * change mid-test, and every fetch is counted), and the assertions it signs.
 */
public final class EntraKeys implements AutoCloseable {

    public static final String AUDIENCE = "api://AzureADTokenExchange";

    private final HttpServer server;
    private final String entraTenant = UUID.randomUUID().toString();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile JWKSet published = new JWKSet();

    public EntraKeys() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes exactly these keys (public parts) from now on. */
    public void publish(RSAKey... keys) {
        published = new JWKSet(List.<JWK>of(keys).stream().map(JWK::toPublicJWK).toList());
    }

    public int fetches() {
        return fetches.get();
    }

    /** The JWKS URL, one path per name so each test's client has a document of its own. */
    public String jwksUri(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + "/discovery/v2.0/keys";
    }

    public String issuer() {
        return "https://login.microsoftonline.com/" + entraTenant + "/v2.0";
    }

    /** An assertion as Entra makes it: its issuer, the subject and audience given, living 10 minutes from {@code now}. */
    public String assertion(RSAKey key, String subject, Instant now) {
        return sign(key, issuer(), subject, AUDIENCE, now.plusSeconds(600), now);
    }

    public static String sign(RSAKey key, String issuer, String subject, String audience, Instant expires, Instant issued) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
                .issueTime(Date.from(issued)).notBeforeTime(Date.from(issued)).expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
