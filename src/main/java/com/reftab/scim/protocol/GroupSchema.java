package com.reftab.scim.protocol;

import static com.reftab.scim.protocol.Attribute.multiComplex;
import static com.reftab.scim.protocol.Attribute.reference;
import static com.reftab.scim.protocol.Attribute.string;

import java.util.List;

import com.reftab.scim.protocol.Attribute.Mutability;
import com.reftab.scim.protocol.Attribute.Uniqueness;

/**
 * The core Group schema (RFC 7643 §4.2). Members are users of the same tenant. A group's
 * displayName is unique within its tenant in any letter case (a duplicate is 409 {@code uniqueness}).
 */
public final class GroupSchema {

    public static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:Group";

    public static final String DESCRIPTION = "Group";

    /**
     * A member is added or removed whole: its sub-attributes are never changed in place, so they are
     * immutable (a PATCH path to one is refused with 400 {@code mutability}).
     */
    public static final List<Attribute> CORE_ATTRIBUTES = List.of(
            string("displayName").requiredValue().unique(Uniqueness.SERVER)
                    .described("A human-readable name for the Group. Unique within the tenant, compared without regard"
                            + " to letter case."),
            multiComplex("members",
                    string("value").caseExactValue().withMutability(Mutability.IMMUTABLE)
                            .described("Identifier of the member of this Group: the id of a User of the same tenant."),
                    reference("$ref", "User").withMutability(Mutability.IMMUTABLE)
                            .described("The URI corresponding to a SCIM resource that is a member of this Group."),
                    string("display").withMutability(Mutability.IMMUTABLE)
                            .described("A human-readable name for the member, as the client sent it."),
                    string("type").withMutability(Mutability.IMMUTABLE).canonical("User")
                            .described("A label indicating the type of resource: members here are always Users."))
                    .described("A list of members of the Group."),
            string("externalId").caseExactValue().described("An identifier for the Group as defined by the provisioning"
                    + " client."));

    public static final ResourceSchema SCHEMA = new ResourceSchema(CORE, DESCRIPTION, CORE_ATTRIBUTES, null, null, List.of());

    private GroupSchema() {
    }
}
