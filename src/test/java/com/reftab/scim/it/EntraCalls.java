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
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The requests Microsoft Entra ID's provisioning engine sends, shaped as it shapes them: a Bearer
 * token, {@code application/scim+json} both ways, PATCH ops capitalised ({@code Add}, {@code Replace},
 * {@code Remove}), booleans as the strings {@code "True"}/{@code "False"}, value-filter paths, and the
 * lookups it makes before a create. The token comes from a supplier, so the static SCIM token used
 * today can be swapped for an access token from the tenant's token endpoint.
 */
final class EntraCalls {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ADSCIM_GROUP = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Supplier<String> accessToken;

    /** @param accessToken what Entra puts after {@code Bearer}: the static SCIM token, or an OAuth access token */
    EntraCalls(int port, Supplier<String> accessToken) {
        this.baseUrl = "http://localhost:" + port + "/scim/v2";
        this.accessToken = accessToken;
    }

    static EntraCalls withStaticToken(int port) {
        return new EntraCalls(port, () -> ScimIntegrationTest.SCIM_TOKEN);
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
