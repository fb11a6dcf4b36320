package com.reftab.scim.http;

import java.util.Map;

import com.reftab.scim.protocol.ListRequest;
import com.reftab.scim.protocol.ScimCall;

/**
 * A call to the admin or operator API as the routes hand it to the API beans, read once from the
 * exchange ({@link ApiRequestReader}): who calls, the path parameters, the query parameters and the
 * body (already bounded; null when the call has none).
 */
public record ApiRequest(ScimCall call, Map<String, String> path, Map<String, String> query, byte[] body) {

    public ApiRequest {
        path = Map.copyOf(path);
        query = Map.copyOf(query);
    }

    /** A call without parameters or body. */
    public static ApiRequest of(ScimCall call) {
        return new ApiRequest(call, Map.of(), Map.of(), null);
    }

    /** @return the path parameter, or null when the path has none of that name */
    public String path(String name) {
        return path.get(name);
    }

    /** @return the query parameter, or null when it was not sent */
    public String query(String name) {
        return query.get(name);
    }

    /** The page the query's {@code startIndex} and {@code count} ask for, at most {@code maxPage} items. */
    public ListRequest page(int maxPage) {
        return ListRequest.of(query("startIndex"), query("count"), maxPage);
    }

    /** The tenant that calls; null for the operator. */
    public String tenantId() {
        return call.tenantId();
    }
}
