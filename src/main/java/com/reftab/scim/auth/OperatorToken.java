package com.reftab.scim.auth;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The operator's token ({@code REFTAB_OPERATOR_TOKEN}), which opens the operator API. Only its
 * hash is held, and a presented token is compared with it in constant time; with none configured
 * nothing opens the operator API.
 */
@Component
public class OperatorToken {

    public static final String REQUIRED = "The operator token is required (REFTAB_OPERATOR_TOKEN).";

    private final byte[] hash;

    @Autowired
    public OperatorToken(AccessSettings settings) {
        this(settings.operator().token());
    }

    public OperatorToken(String token) {
        this.hash = token.isBlank() ? null : ApiTokens.hash(token);
    }

    /** @return whether {@code Authorization: Bearer <token>} carries the operator token */
    public boolean isIn(String authorizationHeader) {
        return ApiTokens.matches(BearerAuthenticator.bearerToken(authorizationHeader), hash);
    }
}
