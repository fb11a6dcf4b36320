package com.reftab.scim.http;

import com.reftab.scim.auth.BearerAuthenticator;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.ScimCall;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads the request into a {@link ScimRequest}, the exchange property {@value #PROPERTY}, after the
 * caller is authenticated. If-Match and If-None-Match are read as sent: a strong tag keeps its quotes.
 * The resource type is the endpoint the route of its REST verb set ({@value #RESOURCE_TYPE}).
 */
public class ScimRequestReader implements Processor {

    public static final String PROPERTY = "scimRequest";
    public static final String RESOURCE_TYPE = "scimResourceType";

    private final RequestGuard guard;

    /** @param guard reads and bounds the body; null for requests that carry none */
    public ScimRequestReader(RequestGuard guard) {
        this.guard = guard;
    }

    @Override
    public void process(Exchange exchange) {
        if (guard != null) {
            guard.process(exchange);
        }
        Message message = exchange.getMessage();
        ListQuery query = new ListQuery(header(message, "filter"), header(message, "startIndex"), header(message, "count"),
                header(message, "sortBy"), header(message, "sortOrder"), header(message, "cursor"));
        exchange.setProperty(PROPERTY, new ScimRequest(exchange.getProperty(BearerAuthenticator.CALL, ScimCall.class),
                exchange.getProperty(RESOURCE_TYPE, String.class), header(message, "id"), query,
                header(message, "attributes"), header(message, "excludedAttributes"),
                header(message, "If-Match"), header(message, "If-None-Match"),
                guard == null ? null : message.getBody(byte[].class)));
    }

    private static String header(Message message, String name) {
        return message.getHeader(name, String.class);
    }
}
