package com.reftab.scim.protocol;

import static com.reftab.scim.protocol.Attribute.multiComplex;
import static com.reftab.scim.protocol.Attribute.reference;
import static com.reftab.scim.protocol.Attribute.string;

import java.util.List;

/** The core Group schema (RFC 7643 §4.2). Members are users of the same tenant. */
public final class GroupSchema {

    public static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:Group";

    public static final List<Attribute> CORE_ATTRIBUTES = List.of(
            string("displayName").requiredValue(),
            multiComplex("members", string("value").caseExactValue(), reference("$ref"), string("display"), string("type")),
            string("externalId").caseExactValue());

    public static final ResourceSchema SCHEMA = new ResourceSchema(CORE, CORE_ATTRIBUTES, null, List.of());

    private GroupSchema() {
    }
}
