package com.reftab.scim.operator;

import com.reftab.scim.auth.ApiTokens;
import com.reftab.scim.auth.BearerAuthenticator;
import com.reftab.scim.scim.ScimCall;
import com.reftab.scim.scim.ScimException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Lets the operator's token ({@code REFTAB_OPERATOR_TOKEN}) through to the operator API. Only its
 * hash is held; with none configured the operator API is closed.
 */
@Component("operatorAuthenticator")
public class OperatorAuthenticator implements Processor {

    private final byte[] operatorTokenHash;
    private final String publicUrl;

    public OperatorAuthenticator(@Value("${reftab.operator.token:}") String operatorToken,
                                 @Value("${reftab.public-url:}") String publicUrl) {
        this.operatorTokenHash = operatorToken.isBlank() ? null : ApiTokens.hash(operatorToken);
        this.publicUrl = publicUrl;
    }

    @Override
    public void process(Exchange exchange) {
        String token = BearerAuthenticator.bearerToken(exchange.getMessage().getHeader("Authorization", String.class));
        if (!ApiTokens.matches(token, operatorTokenHash)) {
            throw ScimException.unauthorized("The operator token is required (REFTAB_OPERATOR_TOKEN).");
        }
        exchange.setProperty(BearerAuthenticator.CALL, new ScimCall(null, BearerAuthenticator.baseUrl(exchange, publicUrl)));
    }
}
