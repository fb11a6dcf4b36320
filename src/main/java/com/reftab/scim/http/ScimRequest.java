package com.reftab.scim.http;

import com.reftab.scim.protocol.AttributeSelection;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.ResourceSchema;
import com.reftab.scim.protocol.ScimCall;

/**
 * A SCIM request as the routes hand it to {@link ScimApi}, read once from the exchange: who calls,
 * the resource type's endpoint and the resource id its path names, the query parameters, the
 * conditional headers and the body (already bounded), each null when the request has none.
 */
public record ScimRequest(ScimCall call, String endpoint, String id, ListQuery query, String attributes,
                          String excludedAttributes, String ifMatch, String ifNoneMatch, byte[] body) {

    /** The attributes the answer carries, named as the resource type's schema names them. */
    public AttributeSelection selection(ResourceSchema schema) {
        return AttributeSelection.of(attributes, excludedAttributes, schema);
    }
}
