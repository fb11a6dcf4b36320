package com.reftab.scim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.reftab.scim.auth.AdjustableClock;
import com.reftab.scim.it.Tenants.Tenant;
import com.reftab.scim.oauth.EntraKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * Microsoft Entra ID as a client of a tenant's OAuth 2.0 token endpoint: it takes an access token
 * by client secret (HTTP Basic or form) or by a federated assertion signed with keys a local JWKS
 * server publishes (rotated mid-test), provisions over SCIM with it, and is refused with every bad
 * credential, each answered 401 with the error OAuth names and nothing changed. Okta's static SCIM
 * token keeps working beside it. On a clock the test moves (access tokens live 6 hours here, the
 * installation's signing key rotates hourly).
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ScimIntegrationTest
@TestPropertySource(properties = {
        "reftab.oauth.access-token-lifetime=360m",
        "reftab.oauth.signing-key-rotation=PT1H",
        "reftab.oauth.rate-limit.per-minute=0",
        "reftab.oauth.token-request-timeout=2s",
        "reftab.oauth.jwks.refetch-interval=1s",
        "reftab.oauth.signing-key-secret=entra-test-signing-key-secret-of-32-chars"
})
class EntraOAuthTest {

    private static final Duration LIFETIME = Duration.ofMinutes(360);
    // Made anew for each test class (the PostgreSQL subclass too), closed after it.
    private static EntraKeys ENTRA;
    private static final String USER = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\","
            + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"],\"userName\":\"%s\",\"active\":true,"
            + "\"name\":{\"givenName\":\"Ada\",\"familyName\":\"Lovelace\"},\"externalId\":\"%s\"}";

    @TestBean(name = "tokenClock")
    InstantSource tokenClock;

    static InstantSource tokenClock() {
        return AdjustableClock.startingNow();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Tenants tenants;

    @RegisterExtension
    final OpenConnections connections = new OpenConnections(() -> port);

    @BeforeEach
    void tenants() {
        tenants = new Tenants(port, "entra");
    }

    @BeforeAll
    static void startEntra() {
        ENTRA = new EntraKeys();
    }

    @AfterAll
    static void stopEntra() {
        ENTRA.close();
    }

    private AdjustableClock clock() {
        return (AdjustableClock) tokenClock;
    }

    private String tokenPath(Tenant tenant) {
        return "/oauth2/tenants/" + tenant.id() + "/oauth2/token";
    }

    private JsonNode newClient(Tenant tenant, String body) {
        HttpCalls.Reply created = tenant.admin().post("/api/admin/oauth-clients", body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.body();
    }

    private JsonNode federatedClient(Tenant tenant, String subject, String jwksName) {
        return newClient(tenant, "{\"name\":\"Entra\",\"federatedCredential\":{\"issuer\":\"" + ENTRA.issuer()
                + "\",\"subject\":\"" + subject + "\",\"audience\":\"" + EntraKeys.AUDIENCE + "\",\"jwksUri\":\""
                + ENTRA.jwksUri(jwksName) + "\"}}");
    }

    private HttpCalls.Reply bySecretBasic(Tenant tenant, String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((form(clientId) + ":" + form(secret)).getBytes(StandardCharsets.UTF_8));
        return new HttpCalls(port, null).withHeader("Authorization", "Basic " + basic)
                .send("POST", tokenPath(tenant), "application/x-www-form-urlencoded", "grant_type=client_credentials");
    }

    private HttpCalls.Reply bySecretForm(Tenant tenant, String clientId, String secret) {
        return new HttpCalls(port, null).send("POST", tokenPath(tenant), "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=" + form(clientId) + "&client_secret=" + form(secret));
    }

    private HttpCalls.Reply byAssertion(Tenant tenant, String clientId, String assertion) {
        return new HttpCalls(port, null).send("POST", tokenPath(tenant), "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=" + form(clientId)
                        + "&client_assertion_type=" + form("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                        + "&client_assertion=" + form(assertion));
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpCalls scim(String accessToken) {
        return new HttpCalls(port, accessToken);
    }

    private static void assertInvalidClient(HttpCalls.Reply reply) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(401);
        assertThat(reply.body().path("error").asText()).isEqualTo("invalid_client");
        assertThat(reply.body().has("access_token")).isFalse();
    }

    private static void assertInvalidToken(HttpCalls.Reply reply, String reason) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"")
                .contains("error_description=\"").contains(reason);
        assertThat(reply.body().path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    }

    private static long users(Tenant tenant) {
        return tenant.scim().get("/scim/v2/Users?count=0").body().path("totalResults").asLong();
    }

    private static String userBody() {
        String name = "ada-" + UUID.randomUUID() + "@example.com";
        return USER.formatted(name, UUID.randomUUID());
    }

    @Test
    void aClientSecretSentByBasicGivesABearerTokenThatProvisionsAUser() {
        Tenant tenant = tenants.create();
        JsonNode client = newClient(tenant, "{\"name\":\"Microsoft Entra ID\"}");

        HttpCalls.Reply token = bySecretBasic(tenant, client.path("clientId").asText(), client.path("clientSecret").asText());

        assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
        assertThat(token.body().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.body().path("expires_in").asLong()).isEqualTo(LIFETIME.toSeconds());
        assertThat(token.header("Cache-Control")).isEqualTo("no-store");
        HttpCalls entra = scim(token.body().path("access_token").asText());
        HttpCalls.Reply created = entra.post("/scim/v2/Users", userBody());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(entra.get("/scim/v2/Users/" + created.body().path("id").asText()).status()).isEqualTo(200);
        assertThat(tenant.scim().get("/scim/v2/Users/" + created.body().path("id").asText()).status())
                .as("Okta's static token works beside it").isEqualTo(200);
    }

    @Test
    void aClientSecretSentInTheFormGivesAnAccessTokenForTheTenantsScimApi() throws Exception {
        Tenant tenant = tenants.create();
        JsonNode client = newClient(tenant, "");

        HttpCalls.Reply token = bySecretForm(tenant, client.path("clientId").asText(), client.path("clientSecret").asText());

        assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
        var claims = SignedJWT.parse(token.body().path("access_token").asText()).getJWTClaimsSet();
        String base = "http://localhost:" + port;
        assertThat(claims.getAudience()).containsExactly(base + "/scim/v2");
        assertThat(claims.getIssuer()).isEqualTo(base + "/oauth2/tenants/" + tenant.id());
        assertThat(claims.getSubject()).isEqualTo(client.path("clientId").asText());
        assertThat(claims.getClaim("tid")).isEqualTo(tenant.id());
        assertThat(scim(token.body().path("access_token").asText()).get("/scim/v2/Users").status()).isEqualTo(200);
    }

    @Test
    void aFederatedAssertionFromEntraGivesAnAccessTokenThatProvisionsAUser() {
        Tenant tenant = tenants.create();
        RSAKey key = EntraKeys.newKey();
        ENTRA.publish(key);
        JsonNode client = federatedClient(tenant, "app-" + UUID.randomUUID(), "federated");
        String subject = client.path("federatedCredential").path("subject").asText();

        HttpCalls.Reply token = byAssertion(tenant, client.path("clientId").asText(),
                ENTRA.assertion(key, subject, clock().instant()));

        assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
        HttpCalls.Reply created = scim(token.body().path("access_token").asText()).post("/scim/v2/Users", userBody());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    }

    @Test
    void entraRotatingItsKeysMidwayIsFollowedByFetchingItsJwksAgain() {
        Tenant tenant = tenants.create();
        RSAKey first = EntraKeys.newKey();
        RSAKey second = EntraKeys.newKey();
        ENTRA.publish(first);
        JsonNode client = federatedClient(tenant, "rotating-" + UUID.randomUUID(), "rotating");
        String clientId = client.path("clientId").asText();
        String subject = client.path("federatedCredential").path("subject").asText();
        assertThat(byAssertion(tenant, clientId, ENTRA.assertion(first, subject, clock().instant())).status()).isEqualTo(200);

        ENTRA.publish(second);

        // An unknown key id fetches the JWKS again, at most once a second here.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(byAssertion(tenant, clientId, ENTRA.assertion(second, subject, clock().instant())).status())
                        .isEqualTo(200));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertInvalidClient(byAssertion(tenant, clientId, ENTRA.assertion(first, subject, clock().instant()))));
    }

    @Test
    void aWrongSecretIsInvalidClient() {
        Tenant tenant = tenants.create();
        JsonNode client = newClient(tenant, "");
        String clientId = client.path("clientId").asText();

        assertInvalidClient(bySecretBasic(tenant, clientId, client.path("clientSecret").asText() + "x"));
        assertInvalidClient(bySecretForm(tenant, clientId, "not-the-secret"));
        assertInvalidClient(bySecretForm(tenant, UUID.randomUUID().toString(), client.path("clientSecret").asText()));
    }

    @Test
    void secretsRotateWithTwoLiveAtOnceAndTheRevokedOneIsRefused() {
        Tenant tenant = tenants.create();
        JsonNode client = newClient(tenant, "");
        String clientId = client.path("clientId").asText();
        String oldSecret = client.path("clientSecret").asText();

        HttpCalls.Reply added = tenant.admin().post("/api/admin/oauth-clients/" + clientId + "/secrets", "{\"secretLifetimeDays\":365}");

        assertThat(added.status()).as(added.raw().body()).isEqualTo(201);
        String newSecret = added.body().path("clientSecret").asText();
        assertThat(bySecretForm(tenant, clientId, oldSecret).status()).isEqualTo(200);
        assertThat(bySecretForm(tenant, clientId, newSecret).status()).isEqualTo(200);
        assertThat(tenant.admin().delete("/api/admin/oauth-clients/" + clientId + "/secrets/"
                + client.path("secret").path("id").asText()).status()).isEqualTo(204);
        assertInvalidClient(bySecretForm(tenant, clientId, oldSecret));
        assertThat(bySecretBasic(tenant, clientId, newSecret).status()).isEqualTo(200);
        JsonNode listed = tenant.admin().get("/api/admin/oauth-clients").body().path("clients").get(0);
        assertThat(listed.path("secrets")).hasSize(2);
        assertThat(listed.toString()).doesNotContain(oldSecret).doesNotContain(newSecret);
        assertThat(listed.path("secrets").findValuesAsText("revokedAt")).hasSize(2);
    }

    @Test
    void aSecretIsRefusedOnceItHasExpired() {
        Tenant tenant = tenants.create();
        JsonNode client = newClient(tenant, "{\"secretLifetimeDays\":365}");
        String clientId = client.path("clientId").asText();
        Instant expires = Instant.parse(client.path("secret").path("expiresAt").asText());
        assertThat(expires).isEqualTo(clock().instant().plus(Duration.ofDays(365)));

        clock().moveTo(expires.minusSeconds(1));
        assertThat(bySecretForm(tenant, clientId, client.path("clientSecret").asText()).status()).isEqualTo(200);
        clock().moveTo(expires);
        assertInvalidClient(bySecretForm(tenant, clientId, client.path("clientSecret").asText()));
    }

    @Test
    void anAssertionNotMatchingTheFederatedCredentialIsInvalidClient() {
        Tenant tenant = tenants.create();
        RSAKey key = EntraKeys.newKey();
        ENTRA.publish(key);
        JsonNode client = federatedClient(tenant, "app-" + UUID.randomUUID(), "mismatch");
        String clientId = client.path("clientId").asText();
        String subject = client.path("federatedCredential").path("subject").asText();
        Instant now = clock().instant();
        Instant later = now.plusSeconds(600);

        assertInvalidClient(byAssertion(tenant, clientId, EntraKeys.sign(key,
                "https://login.microsoftonline.com/" + UUID.randomUUID() + "/v2.0", subject, EntraKeys.AUDIENCE, later, now)));
        assertInvalidClient(byAssertion(tenant, clientId, EntraKeys.sign(key, ENTRA.issuer(), "someone-else",
                EntraKeys.AUDIENCE, later, now)));
        assertInvalidClient(byAssertion(tenant, clientId, EntraKeys.sign(key, ENTRA.issuer(), subject,
                "api://another-audience", later, now)));
        assertInvalidClient(byAssertion(tenant, clientId, EntraKeys.sign(key, ENTRA.issuer(), subject,
                EntraKeys.AUDIENCE, now.minusSeconds(300), now.minusSeconds(900))));
        assertInvalidClient(byAssertion(tenant, clientId, ENTRA.assertion(EntraKeys.newKey(), subject, now)));
        assertInvalidClient(byAssertion(tenant, clientId, "not.a.jwt"));
        assertThat(byAssertion(tenant, clientId, ENTRA.assertion(key, subject, now)).status()).isEqualTo(200);
    }

    @Test
    void aClientOfOneTenantGetsNoTokenFromAnothersEndpointAndItsTokenOpensOnlyItsOwnTenant() {
        Tenant tenant = tenants.create();
        Tenant other = tenants.create();
        JsonNode client = newClient(tenant, "");
        String clientId = client.path("clientId").asText();
        String secret = client.path("clientSecret").asText();
        other.scim().post("/scim/v2/Users", userBody());

        assertInvalidClient(bySecretForm(other, clientId, secret));
        HttpCalls entra = scim(bySecretForm(tenant, clientId, secret).body().path("access_token").asText());
        assertThat(entra.get("/scim/v2/Users?count=0").body().path("totalResults").asLong()).isZero();
        assertThat(users(other)).isEqualTo(1);
    }

    @Test
    void anExpiredAccessTokenIsRefusedAndChangesNothing() {
        Tenant tenant = tenants.create();
        JsonNode client = newClient(tenant, "");
        HttpCalls entra = scim(bySecretForm(tenant, client.path("clientId").asText(), client.path("clientSecret").asText())
                .body().path("access_token").asText());

        clock().advance(LIFETIME.minusSeconds(1));
        assertThat(entra.get("/scim/v2/Users").status()).isEqualTo(200);
        clock().advance(Duration.ofSeconds(1));
        HttpCalls.Reply refused = entra.post("/scim/v2/Users", userBody());
        assertInvalidToken(refused, "expired");
        assertThat(refused.header("Connection")).as("refused from the headers, the body left unread").isEqualTo("close");
        assertThat(users(tenant)).isZero();
    }

    @Test
    void aDeletedClientsTokensStopWorkingAtOnce() {
        Tenant tenant = tenants.create();
        JsonNode client = newClient(tenant, "");
        String clientId = client.path("clientId").asText();
        HttpCalls entra = scim(bySecretForm(tenant, clientId, client.path("clientSecret").asText())
                .body().path("access_token").asText());
        assertThat(entra.get("/scim/v2/Users").status()).isEqualTo(200);

        assertThat(tenant.admin().delete("/api/admin/oauth-clients/" + clientId).status()).isEqualTo(204);

        assertInvalidToken(entra.post("/scim/v2/Users", userBody()), "deleted");
        assertThat(users(tenant)).isZero();
        assertInvalidClient(bySecretForm(tenant, clientId, client.path("clientSecret").asText()));
    }

    @Test
    void aTokenIssuedForAnotherAddressIsRefusedForItsAudience() {
        Tenant tenant = tenants.create();
        JsonNode client = newClient(tenant, "");
        String basic = Base64.getEncoder().encodeToString((client.path("clientId").asText() + ":"
                + client.path("clientSecret").asText()).getBytes(StandardCharsets.UTF_8));
        HttpCalls.Reply elsewhere = new HttpCalls(port, null).withHeader("Authorization", "Basic " + basic)
                .withHeader("X-Forwarded-Host", "scim.elsewhere.example")
                .send("POST", tokenPath(tenant), "application/x-www-form-urlencoded", "grant_type=client_credentials");
        assertThat(elsewhere.status()).isEqualTo(200);

        assertInvalidToken(scim(elsewhere.body().path("access_token").asText()).post("/scim/v2/Users", userBody()), "audience");
        assertThat(users(tenant)).isZero();
    }

    @Test
    void aMalformedOrForgedAccessTokenIsInvalidToken() throws Exception {
        Tenant tenant = tenants.create();
        JsonNode client = newClient(tenant, "");
        String token = bySecretForm(tenant, client.path("clientId").asText(), client.path("clientSecret").asText())
                .body().path("access_token").asText();
        String[] parts = token.split("\\.");
        String otherTenantClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                SignedJWT.parse(token).getJWTClaimsSet().toString().replace(tenant.id(), "another-tenant")
                        .getBytes(StandardCharsets.UTF_8));

        assertInvalidToken(scim("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln").post("/scim/v2/Users", userBody()), "well-formed");
        assertInvalidToken(scim(parts[0] + "." + otherTenantClaims + "." + parts[2]).post("/scim/v2/Users", userBody()),
                "signature");
        assertThat(users(tenant)).isZero();
    }

    @Test
    void anUnsupportedGrantIsRefused() {
        Tenant tenant = tenants.create();
        JsonNode client = newClient(tenant, "");

        HttpCalls.Reply reply = new HttpCalls(port, null).send("POST", tokenPath(tenant), "application/x-www-form-urlencoded",
                "grant_type=password&username=a&password=b&client_id=" + client.path("clientId").asText()
                        + "&client_secret=" + form(client.path("clientSecret").asText()));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void theSigningKeyRotatesAndTheOldOneStaysPublishedUntilItsTokensHaveExpired() throws Exception {
        Tenant tenant = tenants.create();
        JsonNode client = newClient(tenant, "");
        String clientId = client.path("clientId").asText();
        String secret = client.path("clientSecret").asText();
        // Past every key made so far: the next token is signed by a new key.
        clock().advance(Duration.ofHours(1).plus(LIFETIME).plusSeconds(1));
        String first = bySecretForm(tenant, clientId, secret).body().path("access_token").asText();
        String firstKid = SignedJWT.parse(first).getHeader().getKeyID();
        Instant firstKeyMade = clock().instant();

        clock().advance(Duration.ofHours(1));
        String second = bySecretForm(tenant, clientId, secret).body().path("access_token").asText();

        assertThat(SignedJWT.parse(second).getHeader().getKeyID()).isNotEqualTo(firstKid);
        assertThat(scim(first).get("/scim/v2/Users").status()).isEqualTo(200);
        assertThat(scim(second).get("/scim/v2/Users").status()).isEqualTo(200);
        JsonNode jwks = new HttpCalls(port, null).get("/oauth2/tenants/" + tenant.id() + "/oauth2/jwks").body();
        assertThat(jwks.path("keys").findValuesAsText("kid")).contains(firstKid, SignedJWT.parse(second).getHeader().getKeyID());
        assertThat(jwks.toString()).doesNotContain("\"d\"").doesNotContain("\"p\"");
        clock().moveTo(firstKeyMade.plus(Duration.ofHours(1)).plus(LIFETIME));
        JsonNode later = new HttpCalls(port, null).get("/oauth2/tenants/" + tenant.id() + "/oauth2/jwks").body();
        assertThat(later.path("keys").findValuesAsText("kid")).doesNotContain(firstKid);
    }

    @Test
    void theSigningKeysAreStoredSealedAndSecretsOnlyAsHashes() {
        Tenant tenant = tenants.create();
        JsonNode client = newClient(tenant, "");
        assertThat(bySecretForm(tenant, client.path("clientId").asText(), client.path("clientSecret").asText()).status())
                .isEqualTo(200);

        assertThat(jdbc.queryForList("select private_key from oauth_signing_key", String.class))
                .isNotEmpty().allSatisfy(stored -> assertThat(stored).startsWith("sealed:v1:").doesNotContain("\"d\""));
        assertThat(jdbc.queryForList("select secret_hash from oauth_client_secret", String.class))
                .doesNotContain(client.path("clientSecret").asText());
    }

    @Test
    void clientsPerTenantAndLiveSecretsPerClientAreBounded() {
        Tenant tenant = tenants.create();
        JsonNode first = newClient(tenant, "");
        for (int i = 1; i < 10; i++) {
            newClient(tenant, "");
        }
        HttpCalls.Reply eleventh = tenant.admin().post("/api/admin/oauth-clients", "");
        assertThat(eleventh.status()).isEqualTo(409);
        assertThat(eleventh.body().path("detail").asText()).contains("reftab.oauth.max-clients-per-tenant = 10");

        String secrets = "/api/admin/oauth-clients/" + first.path("clientId").asText() + "/secrets";
        for (int i = 1; i < 5; i++) {
            assertThat(tenant.admin().post(secrets, "").status()).isEqualTo(201);
        }
        HttpCalls.Reply sixth = tenant.admin().post(secrets, "");
        assertThat(sixth.status()).isEqualTo(409);
        assertThat(sixth.body().path("detail").asText()).contains("reftab.oauth.max-secrets-per-client = 5");
        assertThat(tenant.admin().delete(secrets + "/" + first.path("secret").path("id").asText()).status()).isEqualTo(204);
        assertThat(tenant.admin().post(secrets, "").status()).isEqualTo(201);
    }

    @Test
    void aSecretLifetimeOutsideOneToThreeYearsIsRefused() {
        Tenant tenant = tenants.create();

        assertThat(tenant.admin().post("/api/admin/oauth-clients", "{\"secretLifetimeDays\":364}").status()).isEqualTo(400);
        assertThat(tenant.admin().post("/api/admin/oauth-clients", "{\"secretLifetimeDays\":1096}").status()).isEqualTo(400);
        assertThat(tenant.admin().post("/api/admin/oauth-clients", "{\"secretLifetimeDays\":1095}").status()).isEqualTo(201);
        assertThat(tenant.admin().get("/api/admin/oauth-clients").body().path("clients")).hasSize(1);
    }

    @Test
    void theScimSettingsNameTheTenantsTokenEndpoint() {
        Tenant tenant = tenants.create();

        JsonNode settings = tenant.admin().get("/api/admin/scim-settings").body();

        assertThat(settings.path("tokenEndpoint").asText())
                .isEqualTo("http://localhost:" + port + "/oauth2/tenants/" + tenant.id() + "/oauth2/token");
    }

    @Test
    void aTokenRequestTrickledPastTheWholeBodyDeadlineIs408AndTheConnectionClosed() {
        Tenant tenant = tenants.create();
        long started = System.nanoTime();
        // A byte every 200 ms never leaves a gap Tomcat's per-read timeout would end; only the whole-body bound can.
        RawConnection upload = connections.open().head("POST", tokenPath(tenant), null,
                "Content-Type: application/x-www-form-urlencoded", "Content-Length: 16384").trickle(200);

        await().atMost(Duration.ofSeconds(10)).until(upload::closedByServer);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        assertThat(upload.status()).isEqualTo(408);
        assertThat(upload.received()).contains("\"error\":\"invalid_request\"").contains("reftab.oauth.token-request-timeout");
    }

    @Test
    void theAuthorizationServersOtherEndpointsAreNotServedEvenToAClientWithItsSecret() {
        Tenant tenant = tenants.create();
        JsonNode client = newClient(tenant, "");
        String basic = Base64.getEncoder().encodeToString((form(client.path("clientId").asText()) + ":"
                + form(client.path("clientSecret").asText())).getBytes(StandardCharsets.UTF_8));

        for (String endpoint : new String[] {"introspect", "revoke", "device_authorization", "par", "authorize"}) {
            HttpCalls.Reply reply = new HttpCalls(port, null).withHeader("Authorization", "Basic " + basic)
                    .send("POST", "/oauth2/tenants/" + tenant.id() + "/oauth2/" + endpoint, "application/x-www-form-urlencoded",
                            "token=x&client_id=" + form(client.path("clientId").asText()));

            assertThat(reply.status()).as(endpoint).isEqualTo(404);
            assertThat(reply.raw().body()).as(endpoint).contains("\"error\":\"invalid_request\"");
        }
    }

    @Test
    void pastTheInFlightBoundTheNextTokenRequestIs503AtOnce() {
        Tenant tenant = tenants.create();
        // Sixteen (the default bound) trickle their bodies and stay in progress until the 2 s deadline.
        for (int i = 0; i < 16; i++) {
            connections.open().head("POST", tokenPath(tenant), null,
                    "Content-Type: application/x-www-form-urlencoded", "Content-Length: 16384").trickle(200);
        }

        HttpCalls.Reply[] refused = new HttpCalls.Reply[1];
        await().atMost(Duration.ofSeconds(2)).until(() -> {
            refused[0] = new HttpCalls(port, null).send("POST", tokenPath(tenant), "application/x-www-form-urlencoded",
                    "grant_type=client_credentials");
            return refused[0].status() == 503;
        });

        assertThat(refused[0].raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(refused[0].raw().body()).contains("\"error\":\"temporarily_unavailable\"")
                .contains("reftab.oauth.max-token-requests-in-flight");
    }
}
