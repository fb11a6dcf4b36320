package com.reftab.scim.auth;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.auth.ApiTokens.NewToken;
import com.reftab.scim.auth.ApiTokens.TokenInfo;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.scim.ScimCall;
import com.reftab.scim.scim.ScimException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The tenant's SCIM tokens, behind Reftab's "Configure SCIM" screen: generate (shown once), list
 * (a hint and dates, never the token), rotate with an overlap so Okta can be updated without
 * failed pushes, revoke.
 */
@Component("tokenAdminApi")
public class TokenAdminApi {

    private final ApiTokens tokens;
    private final Duration rotationOverlap;

    public TokenAdminApi(ApiTokens tokens, @Value("${reftab.scim.token-rotation-overlap:PT24H}") Duration rotationOverlap) {
        this.tokens = tokens;
        this.rotationOverlap = rotationOverlap;
    }

    /** What Okta's Provisioning tab needs besides the token: where to connect, and how long a rotated token lives on. */
    public JsonReply settings(ScimCall call) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("tenant", call.tenantId());
        body.put("scimEndpoint", call.baseUrl() + "/scim/v2");
        body.put("uniqueIdentifierField", "userName");
        body.put("authenticationMode", "HTTP Header");
        body.put("tokenRotationOverlap", rotationOverlap.toString());
        body.put("tokenRotationOverlapHours", rotationOverlap.toHours());
        return JsonReply.json(200, body);
    }

    public JsonReply list(ScimCall call) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = body.putArray("tokens");
        tokens.list(call.tenantId(), TokenKind.SCIM).forEach(token -> array.add(json(token)));
        return JsonReply.json(200, body);
    }

    public JsonReply generate(ScimCall call) {
        return created(tokens.create(call.tenantId(), TokenKind.SCIM), call);
    }

    public JsonReply rotate(ScimCall call, String tokenId) {
        NewToken token = tokens.rotate(call.tenantId(), TokenKind.SCIM, tokenId, rotationOverlap)
                .orElseThrow(() -> notFound(tokenId));
        ObjectNode body = (ObjectNode) created(token, call).body();
        body.put("previousTokenExpiresAt", Instant.now().plus(rotationOverlap).toString());
        return JsonReply.json(201, body);
    }

    public JsonReply revoke(ScimCall call, String tokenId) {
        if (!tokens.revoke(call.tenantId(), TokenKind.SCIM, tokenId)) {
            throw notFound(tokenId);
        }
        return JsonReply.noContent();
    }

    private static JsonReply created(NewToken token, ScimCall call) {
        ObjectNode body = json(token.info());
        body.put("token", token.token());
        body.put("scimEndpoint", call.baseUrl() + "/scim/v2");
        return JsonReply.json(201, body);
    }

    private static ObjectNode json(TokenInfo token) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", token.id());
        node.put("hint", token.hint());
        node.put("createdAt", text(token.createdAt()));
        node.put("lastUsedAt", text(token.lastUsedAt()));
        node.put("expiresAt", text(token.expiresAt()));
        return node;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static ScimException notFound(String tokenId) {
        return ScimException.notFound("No live SCIM token with id '" + tokenId + "'.");
    }
}
