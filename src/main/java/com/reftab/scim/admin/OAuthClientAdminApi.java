package com.reftab.scim.admin;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.oauth.FederatedCredential;
import com.reftab.scim.oauth.OAuthClients;
import com.reftab.scim.oauth.OAuthClients.Client;
import com.reftab.scim.oauth.OAuthClients.NewClient;
import com.reftab.scim.oauth.OAuthClients.NewSecret;
import com.reftab.scim.oauth.OAuthClients.SecretInfo;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ScimJson;
import org.springframework.stereotype.Component;

/**
 * The tenant's OAuth 2.0 clients (Reftab's "Configure SCIM" screen, Entra ID section): create one
 * (its first secret shown once), list them with their secrets' hints and dates, add a secret
 * (rotation: several live at once), revoke one, set or remove the federated credential (Entra's
 * workload identity federation), delete a client (its access tokens stop working at once).
 */
@Component("oauthClientAdminApi")
public class OAuthClientAdminApi {

    private final OAuthClients clients;

    public OAuthClientAdminApi(OAuthClients clients) {
        this.clients = clients;
    }

    public JsonReply list(ScimCall call) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = body.putArray("clients");
        clients.list(call.tenantId()).forEach(client -> array.add(json(client)));
        return JsonReply.json(200, body);
    }

    public JsonReply create(ScimCall call, byte[] body) {
        ObjectNode request = optionalObject(body);
        JsonNode name = request.get("name");
        if (name != null && !name.isNull() && !name.isTextual()) {
            throw ScimException.invalidValue("'name' must be a string.");
        }
        JsonNode federated = request.get("federatedCredential");
        NewClient created = clients.create(call.tenantId(), name == null || name.isNull() ? null : name.asText(),
                federated == null || federated.isNull() ? null : federatedCredential(federated),
                lifetimeDays(request));
        ObjectNode answer = json(created.client());
        answer.put("clientSecret", created.secret().secret());
        answer.set("secret", json(created.secret().info()));
        answer.put("tokenEndpoint", tokenEndpoint(call));
        return JsonReply.json(201, answer);
    }

    public JsonReply addSecret(ScimCall call, String clientId, byte[] body) {
        NewSecret secret = clients.addSecret(call.tenantId(), clientId, lifetimeDays(optionalObject(body)))
                .orElseThrow(() -> noSuchClient(clientId));
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("clientId", clientId);
        answer.put("clientSecret", secret.secret());
        answer.set("secret", json(secret.info()));
        return JsonReply.json(201, answer);
    }

    public JsonReply revokeSecret(ScimCall call, String clientId, String secretId) {
        if (!clients.revokeSecret(call.tenantId(), clientId, secretId)) {
            throw ScimException.notFound("This tenant's client '" + clientId + "' has no unrevoked secret '" + secretId + "'.");
        }
        return JsonReply.noContent();
    }

    public JsonReply setFederatedCredential(ScimCall call, String clientId, byte[] body) {
        FederatedCredential credential = federatedCredential(ScimJson.readObject(body));
        if (!clients.setFederatedCredential(call.tenantId(), clientId, credential)) {
            throw noSuchClient(clientId);
        }
        return JsonReply.json(200, json(clients.find(call.tenantId(), clientId).orElseThrow(() -> noSuchClient(clientId))));
    }

    public JsonReply removeFederatedCredential(ScimCall call, String clientId) {
        if (!clients.setFederatedCredential(call.tenantId(), clientId, null)) {
            throw noSuchClient(clientId);
        }
        return JsonReply.noContent();
    }

    public JsonReply delete(ScimCall call, String clientId) {
        if (!clients.delete(call.tenantId(), clientId)) {
            throw noSuchClient(clientId);
        }
        return JsonReply.noContent();
    }

    static String tokenEndpoint(ScimCall call) {
        return call.baseUrl() + "/oauth2/tenants/" + call.tenantId() + "/oauth2/token";
    }

    private static ObjectNode optionalObject(byte[] body) {
        return body == null || body.length == 0 ? JsonNodeFactory.instance.objectNode() : ScimJson.readObject(body);
    }

    private static Integer lifetimeDays(ObjectNode request) {
        JsonNode days = request.get("secretLifetimeDays");
        if (days == null || days.isNull()) {
            return null;
        }
        if (!days.canConvertToInt() || !days.isIntegralNumber()) {
            throw ScimException.invalidValue("'secretLifetimeDays' must be a whole number of days, 365 to 1095.");
        }
        return days.intValue();
    }

    private static FederatedCredential federatedCredential(JsonNode node) {
        if (!node.isObject()) {
            throw ScimException.invalidValue("'federatedCredential' must be an object with issuer, subject, audience and jwksUri.");
        }
        return new FederatedCredential(text(node, "issuer"), text(node, "subject"), text(node, "audience"), text(node, "jwksUri"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw ScimException.invalidValue("federatedCredential." + field + " must be a string.");
        }
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ScimException noSuchClient(String clientId) {
        return ScimException.notFound("This tenant has no OAuth client '" + clientId + "'.");
    }

    private static ObjectNode json(Client client) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("clientId", client.clientId());
        node.put("name", client.name());
        node.put("createdAt", text(client.createdAt()));
        FederatedCredential federated = client.federatedCredential();
        if (federated == null) {
            node.putNull("federatedCredential");
        } else {
            node.putObject("federatedCredential").put("issuer", federated.issuer()).put("subject", federated.subject())
                    .put("audience", federated.audience()).put("jwksUri", federated.jwksUri());
        }
        ArrayNode secrets = node.putArray("secrets");
        client.secrets().forEach(secret -> secrets.add(json(secret)));
        return node;
    }

    private static ObjectNode json(SecretInfo secret) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", secret.id());
        node.put("hint", secret.hint());
        node.put("createdAt", text(secret.createdAt()));
        node.put("expiresAt", text(secret.expiresAt()));
        node.put("revokedAt", text(secret.revokedAt()));
        return node;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
