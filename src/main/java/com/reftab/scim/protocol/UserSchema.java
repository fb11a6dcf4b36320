package com.reftab.scim.protocol;

import static com.reftab.scim.protocol.Attribute.binary;
import static com.reftab.scim.protocol.Attribute.bool;
import static com.reftab.scim.protocol.Attribute.complex;
import static com.reftab.scim.protocol.Attribute.multiComplex;
import static com.reftab.scim.protocol.Attribute.reference;
import static com.reftab.scim.protocol.Attribute.string;

import java.util.List;

import com.reftab.scim.protocol.Attribute.Mutability;
import com.reftab.scim.protocol.Attribute.Uniqueness;

/**
 * The core User schema and the Enterprise User extension (RFC 7643 §4), as this service keeps them.
 * Descriptions follow RFC 7643 §8.7.1; where this service differs from the RFC's schema (which
 * attributes it enforces, what it returns) the definition here is the one it enforces.
 */
public final class UserSchema {

    public static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public static final String DESCRIPTION = "User Account";
    public static final String ENTERPRISE_DESCRIPTION = "Enterprise User";

    /** The sub-attributes every plural attribute of RFC 7643 §2.4 has, after its {@code value}. */
    private static Attribute[] plural(Attribute value, String what, String... types) {
        return new Attribute[] {
                value,
                string("display").described("A human-readable name for the " + what + ", primarily used for display purposes."),
                string("type").described("A label indicating the " + what + "'s function.").canonical(types),
                bool("primary").described("A Boolean value indicating the 'primary' or preferred " + what
                        + ". At most one value is primary.")};
    }

    public static final List<Attribute> CORE_ATTRIBUTES = List.of(
            string("userName").requiredValue().unique(Uniqueness.SERVER)
                    .described("Unique identifier for the User, typically used by the user to directly authenticate to the"
                            + " service provider. Unique within the tenant, compared without regard to letter case."),
            complex("name",
                    string("formatted").described("The full name, including all middle names, titles, and suffixes as"
                            + " appropriate, formatted for display (e.g., 'Ms. Barbara J Jensen, III')."),
                    string("familyName").described("The family name of the User, or last name in most Western languages."),
                    string("givenName").described("The given name of the User, or first name in most Western languages."),
                    string("middleName").described("The middle name(s) of the User."),
                    string("honorificPrefix").described("The honorific prefix(es) of the User, or title in most Western"
                            + " languages (e.g., 'Ms.' given the full name 'Ms. Barbara J Jensen, III')."),
                    string("honorificSuffix").described("The honorific suffix(es) of the User, or suffix in most Western"
                            + " languages (e.g., 'III' given the full name 'Ms. Barbara J Jensen, III')."))
                    .described("The components of the user's real name."),
            string("displayName").described("The name of the User, suitable for display to end-users."),
            string("nickName").described("The casual way to address the user in real life."),
            reference("profileUrl", "external").described("A fully qualified URL pointing to a page representing the"
                    + " User's online profile."),
            string("title").described("The user's title, such as \"Vice President\"."),
            string("userType").described("Used to identify the relationship between the organization and the user,"
                    + " such as 'Employee' or 'Contractor'."),
            string("preferredLanguage").described("Indicates the User's preferred written or spoken language (RFC 7231"
                    + " Accept-Language form, e.g., 'en-US')."),
            string("locale").described("Used to indicate the User's default location for purposes of localizing items"
                    + " such as currency, date time format, or numerical representations."),
            string("timezone").described("The User's time zone in the 'Olson' time zone database format, e.g.,"
                    + " 'America/Los_Angeles'."),
            bool("active").described("A Boolean value indicating the User's administrative status. An inactive user"
                    + " cannot sign in to Reftab."),
            string("password").withMutability(Mutability.WRITE_ONLY).described("The User's cleartext password. Accepted"
                    + " and never returned or filtered on; Reftab users sign in through the identity provider."),
            multiComplex("emails", plural(string("value").described("Email address for the User."), "email address",
                    "work", "home", "other"))
                    .described("Email addresses for the user."),
            multiComplex("phoneNumbers", plural(string("value").described("Phone number of the User."), "phone number",
                    "work", "home", "mobile", "fax", "pager", "other"))
                    .described("Phone numbers for the User."),
            multiComplex("ims", plural(string("value").described("Instant messaging address for the User."),
                    "instant messaging address", "aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"))
                    .described("Instant messaging addresses for the User."),
            multiComplex("photos", plural(reference("value", "external").described("URL of a photo of the User."),
                    "photo", "photo", "thumbnail"))
                    .described("URLs of photos of the User."),
            multiComplex("addresses",
                    string("formatted").described("The full mailing address, formatted for display or use with a"
                            + " mailing label."),
                    string("streetAddress").described("The full street address component, which may include house"
                            + " number, street name, P.O. box, and multi-line extended street address information."),
                    string("locality").described("The city or locality component."),
                    string("region").described("The state or region component."),
                    string("postalCode").described("The zip code or postal code component."),
                    string("country").described("The country name component (ISO 3166-1 alpha-2 code, e.g., 'US')."),
                    string("type").described("A label indicating the address's function.").canonical("work", "home", "other"),
                    bool("primary").described("A Boolean value indicating the 'primary' or preferred address. At most"
                            + " one value is primary."))
                    .described("A physical mailing address for this User."),
            multiComplex("groups",
                    string("value").caseExactValue().described("The identifier of the User's group."),
                    reference("$ref", "Group").described("The URI of the corresponding 'Group' resource to which the"
                            + " user belongs."),
                    string("display").described("A human-readable name, primarily used for display purposes."),
                    string("type").described("A label indicating the attribute's function: every membership here is"
                            + " direct.").canonical("direct", "indirect"))
                    .withMutability(Mutability.READ_ONLY)
                    .described("A list of groups to which the user belongs. Read-only: membership is changed on the"
                            + " Group resource."),
            multiComplex("entitlements", plural(string("value").described("The value of an entitlement."), "entitlement"))
                    .described("A list of entitlements for the User that represent a thing the User has."),
            multiComplex("roles",
                    string("value").caseExactValue().described("The id of a Reftab access role the tenant offers to its"
                            + " identity provider (as GET /Roles lists it). Accepted also as the role's name in any letter"
                            + " case, or as an Entra app role encoded as a JSON string whose value, displayName or id names"
                            + " the role; stored and returned as the role's id. An unknown role is 400 invalidValue."),
                    string("display").described("The role's name, as Reftab has it (what the client sent is not kept)."),
                    string("type").described("A label indicating the role's function, kept as sent (Entra sends"
                            + " 'WindowsAzureActiveDirectoryRole')."),
                    bool("primary").described("A Boolean value indicating the 'primary' role, kept as sent; the"
                            + " role rule does not read it."))
                    .described("Reftab access roles the identity provider assigns to the User directly (Okta"
                            + " entitlements, Entra app roles), each once. With the roles of the User's mapped groups"
                            + " they decide the User's access role: the highest precedence wins, unless the tenant makes"
                            + " direct roles authoritative."),
            multiComplex("x509Certificates", plural(binary("value").described("The value of an X.509 certificate,"
                    + " base64-encoded DER."), "certificate"))
                    .described("A list of certificates issued to the User."),
            string("externalId").caseExactValue().described("An identifier for the User as defined by the provisioning"
                    + " client."));

    public static final List<Attribute> ENTERPRISE_ATTRIBUTES = List.of(
            string("employeeNumber").described("Numeric or alphanumeric identifier assigned to a person, typically"
                    + " based on order of hire or association with an organization."),
            string("costCenter").described("Identifies the name of a cost center."),
            string("organization").described("Identifies the name of an organization."),
            string("division").described("Identifies the name of a division."),
            string("department").described("Identifies the name of a department."),
            complex("manager",
                    string("value").described("The id of the SCIM resource representing the User's manager."),
                    reference("$ref", "User").described("The URI of the SCIM resource representing the User's manager."),
                    string("displayName").described("The displayName of the User's manager, as the client sent it."))
                    .described("The User's manager. A complex type that optionally allows service providers to"
                            + " represent organizational hierarchy by referencing the 'id' attribute of another User."));

    public static final ResourceSchema SCHEMA = new ResourceSchema(CORE, DESCRIPTION, CORE_ATTRIBUTES,
            ENTERPRISE, ENTERPRISE_DESCRIPTION, ENTERPRISE_ATTRIBUTES);

    private UserSchema() {
    }
}
