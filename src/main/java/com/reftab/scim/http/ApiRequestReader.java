package com.reftab.scim.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.reftab.scim.auth.BearerAuthenticator;
import com.reftab.scim.protocol.ScimCall;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads an admin or operator API call into an {@link ApiRequest}, the exchange property
 * {@value #PROPERTY}, after the caller is authenticated. Only the parameters these APIs define
 * are read, so nothing else the client sent reaches the beans.
 */
public class ApiRequestReader implements Processor {

    public static final String PROPERTY = "apiRequest";
    /** The path parameters of the admin and operator REST definitions. */
    static final List<String> PATH_PARAMETERS = List.of("id", "groupId", "tokenId", "tenantId");
    /** The query parameters the admin and operator APIs read. */
    static final List<String> QUERY_PARAMETERS = List.of("status", "role", "q", "startIndex", "count", "after", "limit");

    private final RequestGuard guard;

    /** @param guard reads and bounds the body; null for calls that carry none */
    public ApiRequestReader(RequestGuard guard) {
        this.guard = guard;
    }

    @Override
    public void process(Exchange exchange) {
        if (guard != null) {
            guard.process(exchange);
        }
        Message message = exchange.getMessage();
        exchange.setProperty(PROPERTY, new ApiRequest(exchange.getProperty(BearerAuthenticator.CALL, ScimCall.class),
                headers(message, PATH_PARAMETERS), headers(message, QUERY_PARAMETERS),
                guard == null ? null : message.getBody(byte[].class)));
    }

    private static Map<String, String> headers(Message message, List<String> names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            String value = message.getHeader(name, String.class);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }
}
