package com.reftab.scim.protocol;

import static com.reftab.scim.protocol.Attribute.bool;
import static com.reftab.scim.protocol.Attribute.complex;
import static com.reftab.scim.protocol.Attribute.multiComplex;
import static com.reftab.scim.protocol.Attribute.reference;
import static com.reftab.scim.protocol.Attribute.string;

import java.util.List;

import com.reftab.scim.protocol.Attribute.Mutability;

/** The core User schema and the Enterprise User extension (RFC 7643 §4), as this service keeps them. */
public final class UserSchema {

    public static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static Attribute[] plural(Attribute value) {
        return new Attribute[] {value, string("display"), string("type"), bool("primary")};
    }

    public static final List<Attribute> CORE_ATTRIBUTES = List.of(
            string("userName").requiredValue(),
            complex("name", string("formatted"), string("familyName"), string("givenName"),
                    string("middleName"), string("honorificPrefix"), string("honorificSuffix")),
            string("displayName"),
            string("nickName"),
            reference("profileUrl"),
            string("title"),
            string("userType"),
            string("preferredLanguage"),
            string("locale"),
            string("timezone"),
            bool("active"),
            string("password").withMutability(Mutability.WRITE_ONLY),
            multiComplex("emails", plural(string("value"))),
            multiComplex("phoneNumbers", plural(string("value"))),
            multiComplex("ims", plural(string("value"))),
            multiComplex("photos", plural(reference("value"))),
            multiComplex("addresses", string("formatted"), string("streetAddress"), string("locality"),
                    string("region"), string("postalCode"), string("country"), string("type"), bool("primary")),
            multiComplex("groups", string("value"), reference("$ref"), string("display"), string("type"))
                    .withMutability(Mutability.READ_ONLY),
            multiComplex("entitlements", plural(string("value"))),
            multiComplex("roles", plural(string("value"))),
            multiComplex("x509Certificates", plural(new Attribute("value", Attribute.Type.BINARY, false, false, true, Mutability.READ_WRITE, List.of()))),
            string("externalId").caseExactValue());

    public static final List<Attribute> ENTERPRISE_ATTRIBUTES = List.of(
            string("employeeNumber"),
            string("costCenter"),
            string("organization"),
            string("division"),
            string("department"),
            complex("manager", string("value"), reference("$ref"), string("displayName")));

    public static final ResourceSchema SCHEMA = new ResourceSchema(CORE, CORE_ATTRIBUTES, ENTERPRISE, ENTERPRISE_ATTRIBUTES);

    private UserSchema() {
    }
}
