package com.reftab.scim.http;

import com.reftab.scim.auth.BearerAuthenticator;
import com.reftab.scim.protocol.ScimCall;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reads an API call once, after the caller is authenticated, into the typed value the route hands
 * to its bean (an exchange property): who calls, what the request names, and the body, read and
 * bounded by the {@link RequestGuard} when the call has one.
 *
 * @param <T> the request value
 */
abstract class RequestReader<T> implements Processor {

    private final String property;
    private final RequestGuard guard;

    /** @param guard reads and bounds the body; null for calls that carry none */
    RequestReader(String property, RequestGuard guard) {
        this.property = property;
        this.guard = guard;
    }

    @Override
    public void process(Exchange exchange) {
        if (guard != null) {
            guard.process(exchange);
        }
        byte[] body = guard == null ? null : exchange.getMessage().getBody(byte[].class);
        exchange.setProperty(property, read(exchange, exchange.getProperty(BearerAuthenticator.CALL, ScimCall.class), body));
    }

    /** @param body the bounded body; null when the call carries none */
    abstract T read(Exchange exchange, ScimCall call, byte[] body);
}
