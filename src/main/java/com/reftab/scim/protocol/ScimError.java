package com.reftab.scim.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A SCIM Error (RFC 7644 §3.12) as answered: its status, scimType and detail, and how long the
 * client should wait before retrying, when it should.
 */
public record ScimError(int status, String scimType, String detail, Long retryAfterSeconds) {

    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    public static ScimError of(ScimException refusal) {
        return new ScimError(refusal.status(), refusal.scimType(), refusal.detail(), refusal.retryAfterSeconds());
    }

    public ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(SCHEMA);
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        body.put("status", Integer.toString(status));
        return body;
    }
}
