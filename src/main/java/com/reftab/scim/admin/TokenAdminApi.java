package com.reftab.scim.admin;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.auth.ApiTokens.NewToken;
import com.reftab.scim.auth.ApiTokens.Rotation;
import com.reftab.scim.auth.ApiTokens.TokenInfo;
import com.reftab.scim.auth.AccessSettings;
import com.reftab.scim.auth.ApiTokens;
import com.reftab.scim.auth.TokenKind;
import com.reftab.scim.directory.TenantIdentityProviders;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tenant's tokens of either kind, behind Reftab's "Configure SCIM" screen: generate (shown
 * once), list (a hint and dates, never the token), rotate with an overlap so Okta (or a script
 * holding an admin token) can be updated without failed calls, revoke. One bean per kind of token
 * ({@code scimTokenAdminApi}, {@code adminTokenAdminApi}): the route calling it names the kind.
 */
public class TokenAdminApi {

    private final ApiTokens tokens;
    private final TokenKind kind;
    private final Duration scimRotationOverlap;
    private final Duration adminRotationOverlap;
    private final TenantIdentityProviders identityProviders;

    /** @param identityProviders each tenant's identity provider, shown with the settings */
    public TokenAdminApi(ApiTokens tokens, TokenKind kind, Duration scimRotationOverlap, Duration adminRotationOverlap,
                         TenantIdentityProviders identityProviders) {
        this.identityProviders = identityProviders;
        this.tokens = tokens;
        this.kind = kind;
        this.scimRotationOverlap = positive(scimRotationOverlap, "reftab.scim.token-rotation-overlap");
        this.adminRotationOverlap = positive(adminRotationOverlap, "reftab.admin.token-rotation-overlap");
    }

    /** A rotation without overlap would end the old token before its successor is handed over. */
    private static Duration positive(Duration overlap, String property) {
        if (overlap.isNegative() || overlap.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException(property + " is " + overlap + "; a rotated token must keep working at least a minute.");
        }
        return overlap;
    }

    /** What Okta's Provisioning tab needs besides the token: where to connect, and how long a rotated token lives on. */
    public JsonReply settings(ApiRequest request) {
        ScimCall call = request.call();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("tenant", call.tenantId());
        body.put("scimEndpoint", call.baseUrl() + "/scim/v2");
        body.put("tokenEndpoint", call.baseUrl() + "/oauth2/tenants/" + call.tenantId() + "/oauth2/token");
        body.put("uniqueIdentifierField", "userName");
        body.put("authenticationMode", "HTTP Header");
        body.put("tokenRotationOverlap", scimRotationOverlap.toString());
        body.put("tokenRotationOverlapHours", scimRotationOverlap.toHours());
        body.put("adminTokenRotationOverlap", adminRotationOverlap.toString());
        body.put("adminTokenRotationOverlapHours", adminRotationOverlap.toHours());
        body.put("identityProvider", identityProviders.of(call.tenantId()).id());
        return JsonReply.json(200, body);
    }

    public JsonReply list(ApiRequest request) {
        return JsonReply.jsonList("tokens", tokens.list(request.tenantId(), kind).stream().map(TokenAdminApi::json).toList());
    }

    public JsonReply generate(ApiRequest request) {
        return JsonReply.json(201, created(tokens.create(request.tenantId(), kind), request.call()));
    }

    public JsonReply rotate(ApiRequest request) {
        String tokenId = request.path("tokenId");
        Rotation rotation = tokens.rotate(request.tenantId(), kind, tokenId, overlap())
                .orElseThrow(() -> notFound(tokenId));
        ObjectNode body = created(rotation.successor(), request.call());
        body.put("previousTokenExpiresAt", text(rotation.previousExpiresAt()));
        return JsonReply.json(201, body);
    }

    public JsonReply revoke(ApiRequest request) {
        String tokenId = request.path("tokenId");
        boolean revoked;
        try {
            revoked = tokens.revoke(request.tenantId(), kind, tokenId);
        } catch (ApiTokens.LastTokenException e) {
            throw new ScimException(409, null, "This is the tenant's last " + kind.label() + " token that does not expire;"
                    + " revoking it would lock the tenant out of its admin API. Generate a new " + kind.label()
                    + " token first (or rotate this one), then revoke it.");
        }
        if (!revoked) {
            throw notFound(tokenId);
        }
        return JsonReply.noContent();
    }

    private Duration overlap() {
        return kind == TokenKind.ADMIN ? adminRotationOverlap : scimRotationOverlap;
    }

    private ObjectNode created(NewToken token, ScimCall call) {
        ObjectNode body = json(token.info());
        body.put("token", token.token());
        if (kind == TokenKind.SCIM) {
            body.put("scimEndpoint", call.baseUrl() + "/scim/v2");
        }
        return body;
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

    private ScimException notFound(String tokenId) {
        return ScimException.notFound("No live " + kind.label() + " token with id '" + tokenId + "'.");
    }

    /** The two kinds' APIs, each with both overlaps: the settings answer names them both. */
    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        TokenAdminApi scimTokenAdminApi(ApiTokens tokens, AccessSettings settings, TenantIdentityProviders identityProviders) {
            return of(tokens, TokenKind.SCIM, settings, identityProviders);
        }

        @Bean
        TokenAdminApi adminTokenAdminApi(ApiTokens tokens, AccessSettings settings, TenantIdentityProviders identityProviders) {
            return of(tokens, TokenKind.ADMIN, settings, identityProviders);
        }

        private static TokenAdminApi of(ApiTokens tokens, TokenKind kind, AccessSettings settings,
                                        TenantIdentityProviders identityProviders) {
            return new TokenAdminApi(tokens, kind, settings.scim().tokenRotationOverlap(),
                    settings.admin().tokenRotationOverlap(), identityProviders);
        }
    }
}
