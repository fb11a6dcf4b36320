package com.reftab.scim.auth;

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

    public BearerAuthenticator(ApiTokens tokens, TokenKind kind, String publicUrl, TenantRateLimit rateLimit) {
        this.tokens = tokens;
        this.kind = kind;
        this.publicUrl = publicUrl;
        this.rateLimit = rateLimit;
    }

    @Override
    public void process(Exchange exchange) {
        String tenantId = Admission.tenantOf(exchange, ApiArea.of(kind))
                .orElseGet(() -> admit(exchange.getMessage().getHeader("Authorization", String.class)));
        exchange.setProperty(CALL, new ScimCall(tenantId, baseUrl(exchange, publicUrl)));
    }

    /**
     * @return the tenant whose token the header carries, once the call is admitted within its rate
     * @throws ScimException 401 for a missing or wrong token, 429 over the rate
     */
    public String admit(String authorizationHeader) {
        String tenantId = authenticate(authorizationHeader);
        admitWithinRate(tenantId);
        return tenantId;
    }

    /**
     * @return the tenant whose token of this kind the header carries
     * @throws ScimException 401 for a missing or wrong token
     */
    public String authenticate(String authorizationHeader) {
        return tokens.tenantFor(bearerToken(authorizationHeader), kind)
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
