package com.reftab.scim.protocol;

import static com.reftab.scim.protocol.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ResourceSchemaTest {

    @Test
    void attributeNamesAreCanonicalisedIgnoringLetterCase() {
        ObjectNode user = UserSchema.SCHEMA.canonicalize(json("""
                {"USERNAME": "ann@example.com", "displayname": "Ann"}
                """));

        assertThat(user.fieldNames()).toIterable().containsExactlyInAnyOrder("userName", "displayName");
        assertThat(user.get("userName").asText()).isEqualTo("ann@example.com");
    }

    @Test
    void subAttributeNamesAreCanonicalisedIgnoringLetterCase() {
        ObjectNode user = UserSchema.SCHEMA.canonicalize(json("""
                {"userName": "ann@example.com", "NAME": {"GIVENNAME": "Ann"}}
                """));

        assertThat(user.path("name").path("givenName").asText()).isEqualTo("Ann");
    }

    @Test
    void entraTrueStringBecomesBooleanTrue() {
        ObjectNode user = UserSchema.SCHEMA.canonicalize(json("""
                {"userName": "ann@example.com", "active": "True"}
                """));

        assertThat(user.get("active")).isEqualTo(BooleanNode.TRUE);
    }

    @Test
    void entraFalseStringBecomesBooleanFalse() {
        ObjectNode user = UserSchema.SCHEMA.canonicalize(json("""
                {"userName": "ann@example.com", "active": "False"}
                """));

        assertThat(user.get("active")).isEqualTo(BooleanNode.FALSE);
    }

    @Test
    void booleanStringsInsideMultiValuedAttributesBecomeBooleans() {
        ObjectNode user = UserSchema.SCHEMA.canonicalize(json("""
                {"userName": "ann@example.com", "emails": [{"value": "ann@example.com", "primary": "True"}]}
                """));

        assertThat(user.path("emails").path(0).get("primary")).isEqualTo(BooleanNode.TRUE);
    }

    @Test
    void passwordIsNotKept() {
        ObjectNode user = UserSchema.SCHEMA.canonicalize(json("""
                {"userName": "ann@example.com", "password": "s3cret!"}
                """));

        assertThat(user.has("password")).isFalse();
    }

    @Test
    void idAndMetaSentByTheClientAreNotKept() {
        ObjectNode user = UserSchema.SCHEMA.canonicalize(json("""
                {"userName": "ann@example.com", "id": "client-chosen", "meta": {"resourceType": "User"}}
                """));

        assertThat(user.has("id")).isFalse();
        assertThat(user.has("meta")).isFalse();
    }

    @Test
    void readOnlyGroupsAreNotKept() {
        ObjectNode user = UserSchema.SCHEMA.canonicalize(json("""
                {"userName": "ann@example.com", "groups": [{"value": "g1", "display": "Staff"}]}
                """));

        assertThat(user.has("groups")).isFalse();
    }

    @Test
    void unknownAttributesAreIgnored() {
        ObjectNode user = UserSchema.SCHEMA.canonicalize(json("""
                {"userName": "ann@example.com", "favouriteColour": "teal"}
                """));

        assertThat(user.fieldNames()).toIterable().containsExactly("userName");
    }

    @Test
    void unknownSubAttributesAreIgnored() {
        ObjectNode user = UserSchema.SCHEMA.canonicalize(json("""
                {"userName": "ann@example.com", "name": {"givenName": "Ann", "shoeSize": 7}}
                """));

        assertThat(user.path("name").fieldNames()).toIterable().containsExactly("givenName");
    }

    @Test
    void enterpriseExtensionObjectIsKeptUnderItsUrn() {
        ObjectNode user = UserSchema.SCHEMA.canonicalize(json("""
                {"userName": "ann@example.com",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"EMPLOYEENUMBER": "701984", "department": "Sales"}}
                """));

        ObjectNode enterprise = (ObjectNode) user.get(UserSchema.ENTERPRISE);
        assertThat(enterprise.get("employeeNumber").asText()).isEqualTo("701984");
        assertThat(enterprise.get("department").asText()).isEqualTo("Sales");
    }

    @Test
    void enterpriseExtensionThatIsNotAnObjectIsRejected() {
        ObjectNode input = json("""
                {"userName": "ann@example.com", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": "Sales"}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserSchema.SCHEMA.canonicalize(input))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void numberWhereAStringIsExpectedIsRejected() {
        ObjectNode input = json("""
                {"userName": "ann@example.com", "displayName": 42}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserSchema.SCHEMA.canonicalize(input))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void nonBooleanStringForABooleanIsRejected() {
        ObjectNode input = json("""
                {"userName": "ann@example.com", "active": "yes"}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserSchema.SCHEMA.canonicalize(input))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void singleObjectForAMultiValuedAttributeIsRejected() {
        ObjectNode input = json("""
                {"userName": "ann@example.com", "emails": {"value": "ann@example.com"}}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserSchema.SCHEMA.canonicalize(input))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void stringForAComplexAttributeIsRejected() {
        ObjectNode input = json("""
                {"userName": "ann@example.com", "name": "Ann Smith"}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserSchema.SCHEMA.canonicalize(input))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void missingUserNameIsRejected() {
        ObjectNode input = json("""
                {"displayName": "Ann"}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserSchema.SCHEMA.canonicalize(input))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void blankUserNameIsRejected() {
        ObjectNode input = json("""
                {"userName": "   "}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserSchema.SCHEMA.canonicalize(input))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void nullUserNameIsRejected() {
        ObjectNode input = json("""
                {"userName": null}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserSchema.SCHEMA.canonicalize(input))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void stringOf512CharactersIsAccepted() {
        ObjectNode input = json("{}").put("userName", "ann@example.com").put("displayName", "a".repeat(512));

        ObjectNode user = UserSchema.SCHEMA.canonicalize(input);

        assertThat(user.get("displayName").asText()).hasSize(512);
    }

    @Test
    void stringLongerThan512CharactersIsRejected() {
        ObjectNode input = json("{}").put("userName", "ann@example.com").put("displayName", "a".repeat(513));

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserSchema.SCHEMA.canonicalize(input))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void aStringWhoseLowerCaseFillsTheColumnExactlyIsAccepted() {
        ObjectNode input = json("{}").put("userName", "\u0130".repeat(256)).put("title", "\u0130".repeat(255) + "ab");

        ObjectNode user = UserSchema.SCHEMA.canonicalize(input);

        assertThat(ResourceSchema.caseInsensitiveKey(user.get("userName").asText())).hasSize(ResourceSchema.MAX_STRING);
    }

    @Test
    void aStringWhoseLowerCaseIsOneCharacterPastTheColumnIsRejectedNamingTheBound() {
        for (String name : new String[] {"userName", "displayName", "title"}) {
            ObjectNode input = json("{}").put("userName", "ann@example.com").put(name, "a" + "\u0130".repeat(256));

            assertThatExceptionOfType(ScimException.class)
                    .isThrownBy(() -> UserSchema.SCHEMA.canonicalize(input))
                    .returns("invalidValue", ScimException::scimType)
                    .satisfies(e -> assertThat(e.detail()).contains(name).contains("512"));
        }
    }

    @Test
    void lettersThatOnlyUpperCaseLongerFillTheColumnAsTheyAre() {
        // ß, ŉ, ǰ, ΐ and ﬀ lengthen when upper-cased, not when lower-cased: 512 of them fit.
        String value = "\u00DF\u0149\u01F0\u0390\uFB00\u0130".repeat(86).substring(0, 512).replace("\u0130", "x");

        ObjectNode user = UserSchema.SCHEMA.canonicalize(json("{}").put("userName", value));

        assertThat(ResourceSchema.caseInsensitiveKey(user.get("userName").asText())).hasSize(512);
    }

    @Test
    void aGroupDisplayNameIsBoundOnceLowerCasedToo() {
        ObjectNode input = json("{}").put("displayName", "\u0130".repeat(300));

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> GroupSchema.SCHEMA.canonicalize(input))
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void schemasWithTheCoreUrnIsAccepted() {
        ObjectNode user = UserSchema.SCHEMA.canonicalize(json("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "userName": "ann@example.com"}
                """));

        assertThat(user.get("userName").asText()).isEqualTo("ann@example.com");
    }

    @Test
    void schemasWithoutTheCoreUrnIsRejected() {
        ObjectNode input = json("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "userName": "ann@example.com"}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserSchema.SCHEMA.canonicalize(input))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void schemasThatIsNotAnArrayIsRejected() {
        ObjectNode input = json("""
                {"schemas": "urn:ietf:params:scim:schemas:core:2.0:User", "userName": "ann@example.com"}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserSchema.SCHEMA.canonicalize(input))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void entrasBareManagerIdBecomesTheManagerValue() {
        ObjectNode canonical = UserSchema.SCHEMA.canonicalize(json("""
                {"userName": "ann@example.com",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": "2819c223"}}
                """));

        assertThat(canonical.path(UserSchema.ENTERPRISE).path("manager")).isEqualTo(json("""
                {"value": "2819c223"}
                """));
    }

    @Test
    void onlyTheLastOfSeveralPrimaryValuesStaysPrimary() {
        ObjectNode canonical = UserSchema.SCHEMA.canonicalize(json("""
                {"userName": "ann@example.com",
                 "emails": [{"value": "a@x", "primary": true}, {"value": "b@x", "primary": true}]}
                """));

        assertThat(canonical.get("emails")).isEqualTo(json("""
                {"e": [{"value": "a@x", "primary": false}, {"value": "b@x", "primary": true}]}
                """).get("e"));
    }

    @Test
    void entrasEmptyManagerValueRemovesTheManager() {
        ObjectNode canonical = UserSchema.SCHEMA.canonicalize(json("""
                {"userName": "ann@example.com",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": {"value": ""}, "department": "R&D"}}
                """));

        assertThat(canonical.path(UserSchema.ENTERPRISE).has("manager")).isFalse();
        assertThat(canonical.path(UserSchema.ENTERPRISE).path("department").asText()).isEqualTo("R&D");
    }
}
