package com.reftab.scim.protocol;

import static com.reftab.scim.protocol.Attribute.bool;
import static com.reftab.scim.protocol.Attribute.string;

import java.util.List;

import com.reftab.scim.protocol.Attribute.Mutability;

/**
 * Reftab's access roles as Okta's entitlement model names them: a resource type whose schema is
 * {@code urn:okta:scim:schemas:core:1.0:Role} is read by Okta Identity Governance, and its values
 * are assigned to users as {@code roles}. Every attribute is read-only: roles are made and
 * offered by Reftab admins, not by the identity provider. A role's id is its name.
 */
public final class RoleSchema {

    public static final String CORE = "urn:okta:scim:schemas:core:1.0:Role";

    public static final String DESCRIPTION = "Role";

    public static final List<Attribute> CORE_ATTRIBUTES = List.of(
            string("displayName").requiredValue().withMutability(Mutability.READ_ONLY)
                    .described("The role's name in Reftab, the same as its id. Compared without regard to letter case"
                            + " in filters."),
            string("description").withMutability(Mutability.READ_ONLY)
                    .described("What the role allows, as a Reftab admin described it."),
            bool("canLogin").withMutability(Mutability.READ_ONLY)
                    .described("Whether a person with this role can log in to Reftab; a role that cannot (a loanee)"
                            + " still holds equipment."));

    public static final ResourceSchema SCHEMA = new ResourceSchema(CORE, DESCRIPTION, CORE_ATTRIBUTES, null, null, List.of());

    private RoleSchema() {
    }
}
