package com.reftab.scim.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.reftab.scim.oauth.EntraKeys;

/**
 * The requests Microsoft Entra ID's provisioning engine sends, shaped as it shapes them: a Bearer
 * token, {@code application/scim+json} both ways, PATCH ops capitalised ({@code Add}, {@code Replace},
 * {@code Remove}), booleans as the strings {@code "True"}/{@code "False"}, value-filter paths, and the
 * lookups it makes before a create. The token comes from a supplier: an access token from the
 * tenant's token endpoint, as Entra connects, or Okta's static SCIM token.
 */
final class EntraCalls {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ADSCIM_GROUP = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * One OAuth client per tenant and running service, as an Entra app is configured once: the
     * validation classes share it (a tenant takes at most 10 clients) and its cached access token.
     */
    private static final Map<String, EntraAccessTokens> SECRET_CLIENTS = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Supplier<String> accessToken;

    /** @param accessToken what Entra puts after {@code Bearer}: the static SCIM token, or an OAuth access token */
    EntraCalls(int port, Supplier<String> accessToken) {
        this.baseUrl = "http://localhost:" + port + "/scim/v2";
        this.accessToken = accessToken;
    }

    /** Okta's way in: the tenant's static SCIM token. */
    static EntraCalls withStaticToken(int port) {
        return new EntraCalls(port, () -> ScimIntegrationTest.SCIM_TOKEN);
    }

    /**
     * Entra's way in with a client secret: an OAuth client of the admin token's tenant, made
     * through the admin API, and access tokens from the tenant's token endpoint
     * ({@code grant_type=client_credentials} with the id and secret in the form), kept and asked
     * for again when about to expire.
     */
    static EntraCalls withClientSecret(int port, String adminToken) {
        EntraAccessTokens tokens = SECRET_CLIENTS.computeIfAbsent(port + " " + adminToken, key -> {
            JsonNode client = newOAuthClient(port, adminToken, "{\"name\":\"Entra ID\"}");
            String form = EntraAccessTokens.secretForm(client.path("clientId").asText(), client.path("clientSecret").asText());
            return new EntraAccessTokens(client.path("tokenEndpoint").asText(), () -> form, InstantSource.system());
        });
        return new EntraCalls(port, tokens);
    }

    /**
     * Entra's way in by workload identity federation: a new OAuth client of the admin token's
     * tenant whose federated credential names {@code entra}'s issuer and JWKS, and access tokens
     * for assertions {@code entra} signs with {@code key} (which it must publish), one per token request.
     */
    static EntraCalls withFederatedAssertion(int port, String adminToken, EntraKeys entra, RSAKey key) {
        String subject = "entra-app-" + UUID.randomUUID();
        JsonNode client = newOAuthClient(port, adminToken, "{\"name\":\"Entra ID federated\",\"federatedCredential\":{"
                + "\"issuer\":\"" + entra.issuer() + "\",\"subject\":\"" + subject + "\",\"audience\":\""
                + EntraKeys.AUDIENCE + "\",\"jwksUri\":\"" + entra.jwksUri(subject) + "\"}}");
        String clientId = client.path("clientId").asText();
        InstantSource clock = InstantSource.system();
        return new EntraCalls(port, new EntraAccessTokens(client.path("tokenEndpoint").asText(),
                () -> EntraAccessTokens.assertionForm(clientId, entra.assertion(key, subject, clock.instant())), clock));
    }

    private static JsonNode newOAuthClient(int port, String adminToken, String body) {
        HttpCalls.Reply created = new HttpCalls(port, adminToken).post("/api/admin/oauth-clients", body);
        if (created.status() != 201) {
            throw new AssertionError("creating the OAuth client answered " + created.status() + ": " + created.raw().body());
        }
        return created.body();
    }

    HttpCalls.Reply get(String path) {
        return send("GET", path, null);
    }

    HttpCalls.Reply post(String path, String body) {
        return send("POST", path, body);
    }

    HttpCalls.Reply patch(String path, String... operations) {
        return send("PATCH", path, patchOp(operations));
    }

    HttpCalls.Reply delete(String path) {
        return send("DELETE", path, null);
    }

    /** Entra's matching lookup before a create: {@code GET /Users?filter=userName eq "x"}. */
    HttpCalls.Reply findUser(String userName) {
        return get("/Users?filter=" + encode("userName eq \"" + userName + "\""));
    }

    /** Entra's group lookup: by displayName, members left out. */
    HttpCalls.Reply findGroup(String displayName) {
        return get("/Groups?excludedAttributes=members&filter=" + encode("displayName eq \"" + displayName + "\""));
    }

    /** Looks the user up by userName, as Entra does, and creates it when nothing matched: its id. */
    String provisionUser(String userName, String givenName, String familyName) {
        HttpCalls.Reply lookup = findUser(userName);
        if (lookup.status() != 200) {
            throw new AssertionError("lookup answered " + lookup.status() + ": " + lookup.body());
        }
        if (lookup.body().path("totalResults").asInt() > 0) {
            return lookup.body().path("Resources").get(0).path("id").asText();
        }
        HttpCalls.Reply created = post("/Users", user(userName, givenName, familyName));
        if (created.status() != 201) {
            throw new AssertionError("create answered " + created.status() + ": " + created.body());
        }
        return created.body().path("id").asText();
    }

    /** Looks the group up by displayName, as Entra does, and creates it (with no members) when nothing matched. */
    String provisionGroup(String displayName) {
        HttpCalls.Reply lookup = findGroup(displayName);
        if (lookup.status() != 200) {
            throw new AssertionError("lookup answered " + lookup.status() + ": " + lookup.body());
        }
        if (lookup.body().path("totalResults").asInt() > 0) {
            return lookup.body().path("Resources").get(0).path("id").asText();
        }
        HttpCalls.Reply created = post("/Groups", group(displayName));
        if (created.status() != 201) {
            throw new AssertionError("create answered " + created.status() + ": " + created.body());
        }
        return created.body().path("id").asText();
    }

    private HttpCalls.Reply send(String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + accessToken.get())
                .header("Accept", "application/scim+json");
        if (body != null) {
            builder.header("Content-Type", "application/scim+json");
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body() == null || response.body().isEmpty()
                    ? MissingNode.getInstance() : JSON.readTree(response.body());
            return new HttpCalls.Reply(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String uniqueUserName() {
        return "entra." + UUID.randomUUID().toString().substring(0, 12) + "@contoso.example";
    }

    /** Entra's create: core and enterprise schemas, externalId (the Entra object id), meta.resourceType, name.formatted, roles []. */
    static String user(String userName, String givenName, String familyName) {
        return """
                {"schemas":["%s","%s"],
                 "externalId":"%s","userName":"%s","active":true,
                 "displayName":"%s %s",
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"%s %s","familyName":"%s","givenName":"%s"},
                 "roles":[]}
                """.formatted(USER, ENTERPRISE, UUID.randomUUID(), userName, givenName, familyName, userName,
                givenName, familyName, familyName, givenName);
    }

    /** Entra creates a group with no members, under its own ADSCIM group schema as well. */
    static String group(String displayName) {
        return """
                {"schemas":["%s","%s"],"externalId":"%s","displayName":"%s","meta":{"resourceType":"Group"}}
                """.formatted(GROUP, ADSCIM_GROUP, UUID.randomUUID(), displayName);
    }

    static String patchOp(String... operations) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + String.join(",", operations) + "]}";
    }

    /** One operation; {@code jsonValue} is raw JSON (a quoted string, an object, null), or absent when null. */
    static String op(String op, String path, String jsonValue) {
        return "{\"op\":\"" + op + "\",\"path\":\"" + path.replace("\"", "\\\"") + "\""
                + (jsonValue == null ? "" : ",\"value\":" + jsonValue) + "}";
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
