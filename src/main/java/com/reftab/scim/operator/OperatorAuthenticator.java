package com.reftab.scim.operator;

import com.reftab.scim.auth.AccessSettings;
import com.reftab.scim.auth.BearerAuthenticator;
import com.reftab.scim.auth.OperatorToken;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Lets the operator's token through to the operator API's routes. Over HTTP the web filter has
 * checked it already, before the body was read; checking again here costs one hash and keeps the
 * routes closed to anything that reaches them another way.
 */
@Component("operatorAuthenticator")
public class OperatorAuthenticator implements Processor {

    private final OperatorToken operatorToken;
    private final String publicUrl;

    public OperatorAuthenticator(OperatorToken operatorToken, AccessSettings settings) {
        this.operatorToken = operatorToken;
        this.publicUrl = settings.publicUrl();
    }

    @Override
    public void process(Exchange exchange) {
        if (!operatorToken.isIn(exchange.getMessage().getHeader("Authorization", String.class))) {
            throw ScimException.unauthorized(OperatorToken.REQUIRED);
        }
        exchange.setProperty(BearerAuthenticator.CALL, new ScimCall(null, BearerAuthenticator.baseUrl(exchange, publicUrl)));
    }
}
