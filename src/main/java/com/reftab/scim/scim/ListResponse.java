package com.reftab.scim.scim;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A SCIM ListResponse (RFC 7644 §3.4.2): integer counts, 1-based startIndex, the page's resources. */
public final class ListResponse {

    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private ListResponse() {
    }

    public static ObjectNode of(long totalResults, long startIndex, List<ObjectNode> resources) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(SCHEMA);
        body.put("totalResults", totalResults);
        body.put("startIndex", startIndex);
        body.put("itemsPerPage", resources.size());
        body.putArray("Resources").addAll(resources);
        return body;
    }
}
