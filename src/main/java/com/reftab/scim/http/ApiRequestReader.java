package com.reftab.scim.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.reftab.scim.protocol.ScimCall;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads an admin or operator API call into an {@link ApiRequest}, the exchange property
 * {@value #PROPERTY}, after the caller is authenticated. Only the parameters these APIs define
 * are read, so nothing else the client sent reaches the beans.
 */
public class ApiRequestReader extends RequestReader<ApiRequest> {

    public static final String PROPERTY = "apiRequest";
    /** The path parameters of the admin and operator REST definitions. */
    static final List<String> PATH_PARAMETERS = List.of("id", "groupId", "tokenId", "tenantId", "clientId", "secretId");
    /** The query parameters the admin and operator APIs read. */
    static final List<String> QUERY_PARAMETERS = List.of("status", "role", "q", "startIndex", "count", "after", "limit", "sort", "group");

    /** @param guard reads and bounds the body; null for calls that carry none */
    public ApiRequestReader(RequestGuard guard) {
        super(PROPERTY, guard);
    }

    @Override
    ApiRequest read(Exchange exchange, ScimCall call, byte[] body) {
        Message message = exchange.getMessage();
        return new ApiRequest(call, headers(message, PATH_PARAMETERS), headers(message, QUERY_PARAMETERS), body);
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
