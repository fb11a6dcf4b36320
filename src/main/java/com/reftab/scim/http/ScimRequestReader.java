package com.reftab.scim.http;

import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.ScimCall;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads the request into a {@link ScimRequest}, the exchange property {@value #PROPERTY}, after the
 * caller is authenticated. If-Match and If-None-Match are read as sent: a strong tag keeps its quotes.
 * The resource type is the endpoint the route of its REST verb set ({@value #RESOURCE_TYPE}).
 */
public class ScimRequestReader extends RequestReader<ScimRequest> {

    public static final String PROPERTY = "scimRequest";
    public static final String RESOURCE_TYPE = "scimResourceType";

    /** @param guard reads and bounds the body; null for requests that carry none */
    public ScimRequestReader(RequestGuard guard) {
        super(PROPERTY, guard);
    }

    @Override
    ScimRequest read(Exchange exchange, ScimCall call, byte[] body) {
        Message message = exchange.getMessage();
        ListQuery query = new ListQuery(header(message, "filter"), header(message, "startIndex"), header(message, "count"),
                header(message, "sortBy"), header(message, "sortOrder"), header(message, "cursor"));
        return new ScimRequest(call, exchange.getProperty(RESOURCE_TYPE, String.class), header(message, "id"), query,
                header(message, "attributes"), header(message, "excludedAttributes"),
                header(message, "If-Match"), header(message, "If-None-Match"), body);
    }

    private static String header(Message message, String name) {
        return message.getHeader(name, String.class);
    }
}
