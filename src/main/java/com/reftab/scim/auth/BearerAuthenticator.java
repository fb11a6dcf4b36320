package com.reftab.scim.auth;

import com.reftab.scim.oauth.AccessTokenVerifier;
import com.reftab.scim.oauth.RequestBaseUrl;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First step of every API route: resolves {@code Authorization: Bearer <token>} to a tenant,
 * admits the call within the tenant's rate for this kind of token, and records it as the exchange
 * property {@value #CALL}. A missing or wrong token is a 401 SCIM error. Over HTTP the web filter
 * has decided already, before the body was read ({@link Admission}); the decision is made here for
 * calls that came another way.
 */
public class BearerAuthenticator implements Processor {

    public static final String CALL = "scimCall";

    private final ApiTokens tokens;
    private final TokenKind kind;
    private final String publicUrl;
    private final TenantRateLimit rateLimit;
    private final AccessTokenVerifier accessTokens;

    public BearerAuthenticator(ApiTokens tokens, TokenKind kind, String publicUrl, TenantRateLimit rateLimit) {
        this(tokens, kind, publicUrl, rateLimit, null);
    }

    /** @param accessTokens checks OAuth access tokens beside the static tokens; null: static tokens only */
    public BearerAuthenticator(ApiTokens tokens, TokenKind kind, String publicUrl, TenantRateLimit rateLimit,
                               AccessTokenVerifier accessTokens) {
        this.tokens = tokens;
        this.kind = kind;
        this.publicUrl = publicUrl;
        this.rateLimit = rateLimit;
        this.accessTokens = accessTokens;
    }

    @Override
    public void process(Exchange exchange) {
        String tenantId = Admission.tenantOf(exchange, ApiArea.of(kind))
                .orElseGet(() -> admit(exchange.getMessage().getHeader("Authorization", String.class), baseUrl(exchange, publicUrl)));
        exchange.setProperty(CALL, new ScimCall(tenantId, baseUrl(exchange, publicUrl)));
    }

    /**
     * @return the tenant whose token the header carries, once the call is admitted within its rate
     * @throws ScimException 401 for a missing or wrong token, 429 over the rate
     */
    public String admit(String authorizationHeader) {
        return admit(authorizationHeader, null);
    }

    private String admit(String authorizationHeader, String requestBaseUrl) {
        String tenantId = authenticate(authorizationHeader, requestBaseUrl);
        admitWithinRate(tenantId);
        return tenantId;
    }

    /**
     * @return the tenant whose token of this kind the header carries
     * @throws ScimException 401 for a missing or wrong token
     */
    public String authenticate(String authorizationHeader) {
        return authenticate(authorizationHeader, null);
    }

    /**
     * As {@link #authenticate(String)}; on the SCIM API a JWT is taken as an OAuth access token of
     * a tenant's token endpoint and checked against the address the request reached.
     * @param requestBaseUrl that address; null: the configured public URL
     * @throws ScimException 401 for a missing or wrong token (an {@code invalid_token} challenge for an access token)
     */
    public String authenticate(String authorizationHeader, String requestBaseUrl) {
        String token = bearerToken(authorizationHeader);
        if (accessTokens != null && AccessTokenVerifier.looksLikeJwt(token)) {
            return accessTokens.tenantFor(token, requestBaseUrl != null ? requestBaseUrl
                    : RequestBaseUrl.of(publicUrl, null, null, null));
        }
        return tokens.tenantFor(token, kind)
                .orElseThrow(() -> ScimException.unauthorized(
                        "A valid bearer token is required: send 'Authorization: Bearer <token>'."));
    }

    /** @throws ScimException 429 when the tenant has spent this API's budget */
    public void admitWithinRate(String tenantId) {
        rateLimit.admit(kind, tenantId);
    }

    public TokenKind kind() {
        return kind;
    }

    public static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        if (trimmed.length() > 7 && trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return trimmed.substring(7).trim();
        }
        return null;
    }

    /** The configured public URL, else what the client reached (honouring a proxy's forwarded headers). */
    public static String baseUrl(Exchange exchange, String publicUrl) {
        if (publicUrl != null && !publicUrl.isBlank()) {
            return stripSlash(publicUrl);
        }
        String proto = exchange.getMessage().getHeader("X-Forwarded-Proto", "http", String.class);
        String host = exchange.getMessage().getHeader("X-Forwarded-Host", String.class);
        if (host == null) {
            host = exchange.getMessage().getHeader("Host", "localhost", String.class);
        }
        return proto + "://" + host;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
