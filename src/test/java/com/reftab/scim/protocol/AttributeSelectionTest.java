package com.reftab.scim.protocol;

import static com.reftab.scim.protocol.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class AttributeSelectionTest {

    private static ObjectNode group() {
        return json("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                 "id": "g-1",
                 "displayName": "Engineering",
                 "members": [{"value": "u-1", "display": "Ann"}],
                 "meta": {"resourceType": "Group", "version": "W/\\"1\\""}}
                """);
    }

    private static ObjectNode user() {
        return json("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "id": "u-1",
                 "userName": "ann@example.com",
                 "name": {"givenName": "Ann", "familyName": "Smith"},
                 "active": true}
                """);
    }

    @Test
    void attributesKeepOnlyTheNamedOnesBesideIdAndSchemas() {
        ObjectNode selected = AttributeSelection.of("displayName", null).apply(group());

        assertThat(selected).isEqualTo(json("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                 "id": "g-1",
                 "displayName": "Engineering"}
                """));
    }

    @Test
    void excludedAttributesDropOnlyThoseNamed() {
        ObjectNode expected = group();
        expected.remove("members");

        ObjectNode selected = AttributeSelection.of(null, "members").apply(group());

        assertThat(selected).isEqualTo(expected);
    }

    @Test
    void excludedAttributeIsNotIncluded() {
        assertThat(AttributeSelection.of(null, "members").includes("members")).isFalse();
    }

    @Test
    void attributeMissingFromTheRequestedListIsNotIncluded() {
        assertThat(AttributeSelection.of("displayName", null).includes("members")).isFalse();
    }

    @Test
    void attributeIsIncludedWhenOnlyOneOfItsSubAttributesIsRequested() {
        assertThat(AttributeSelection.of("members.value", null).includes("members")).isTrue();
    }

    @Test
    void idAndSchemasAreIncludedEvenWhenExcluded() {
        AttributeSelection selection = AttributeSelection.of(null, "id,schemas");

        assertThat(selection.includes("id")).isTrue();
        assertThat(selection.includes("schemas")).isTrue();
        assertThat(selection.apply(group())).isEqualTo(group());
    }

    @Test
    void subAttributeSelectionKeepsOnlyThatSubAttribute() {
        ObjectNode selected = AttributeSelection.of("name.givenName", null).apply(user());

        assertThat(selected).isEqualTo(json("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "id": "u-1",
                 "name": {"givenName": "Ann"}}
                """));
    }

    @Test
    void excludedSubAttributeDropsOnlyThatSubAttribute() {
        ObjectNode expected = user();
        ((ObjectNode) expected.get("name")).remove("familyName");

        ObjectNode selected = AttributeSelection.of(null, "name.familyName").apply(user());

        assertThat(selected).isEqualTo(expected);
    }

    @Test
    void attributeNamesAreCaseInsensitive() {
        AttributeSelection selection = AttributeSelection.of("DISPLAYNAME", "Members");

        assertThat(selection.includes("displayName")).isTrue();
        assertThat(selection.includes("members")).isFalse();
        assertThat(selection.apply(group()).has("displayName")).isTrue();
    }

    @Test
    void coreSchemaUrnQualifiedNameSelectsTheAttribute() {
        ObjectNode selected = AttributeSelection.of("urn:ietf:params:scim:schemas:core:2.0:User:userName", null)
                .apply(user());

        assertThat(selected).isEqualTo(json("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "id": "u-1",
                 "userName": "ann@example.com"}
                """));
    }

    @Test
    void coreGroupSchemaUrnQualifiedNameCanBeExcluded() {
        AttributeSelection selection = AttributeSelection.of(null, "urn:ietf:params:scim:schemas:core:2.0:Group:members");

        assertThat(selection.includes("members")).isFalse();
    }

    @Test
    void allReturnsTheSameResourceUnchanged() {
        ObjectNode resource = group();

        ObjectNode selected = AttributeSelection.ALL.apply(resource);

        assertThat(selected).isSameAs(resource).isEqualTo(group());
    }

    @Test
    void noParametersSelectEverything() {
        AttributeSelection selection = AttributeSelection.of(null, null);

        assertThat(selection.isAll()).isTrue();
        assertThat(selection.includes("members")).isTrue();
    }

    @Test
    void urnQualifiedExtensionAttributeKeepsOnlyThatAttributeOfTheExtension() {
        ObjectNode user = json("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "1", "userName": "ann",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "7", "department": "R&D"}}
                """);

        ObjectNode selected = AttributeSelection.of(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", null).apply(user);

        assertThat(selected.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")).isEqualTo(json("""
                {"employeeNumber": "7"}
                """));
        assertThat(selected.has("userName")).isFalse();
    }

    @Test
    void urnQualifiedExtensionAttributeCanBeExcluded() {
        ObjectNode user = json("""
                {"id": "1", "userName": "ann",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "7", "department": "R&D"}}
                """);

        ObjectNode selected = AttributeSelection.of(
                null, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber").apply(user);

        assertThat(selected.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")).isEqualTo(json("""
                {"department": "R&D"}
                """));
    }

    @Test
    void subAttributeOfAMultiValuedAttributeSelectsThatSubAttributeInEveryValue() {
        ObjectNode group = json("""
                {"id": "g", "members": [{"value": "a", "display": "A"}, {"value": "b", "display": "B"}]}
                """);

        ObjectNode selected = AttributeSelection.of("members.value", null).apply(group);

        assertThat(selected.get("members")).isEqualTo(json("""
                {"m": [{"value": "a"}, {"value": "b"}]}
                """).get("m"));
    }

    @Test
    void excludedSubAttributeOfAMultiValuedAttributeIsRemovedFromEveryValue() {
        ObjectNode user = json("""
                {"id": "1", "emails": [{"value": "a@x", "type": "work"}, {"value": "b@x", "type": "home"}]}
                """);

        ObjectNode selected = AttributeSelection.of(null, "emails.type").apply(user);

        assertThat(selected.get("emails")).isEqualTo(json("""
                {"e": [{"value": "a@x"}, {"value": "b@x"}]}
                """).get("e"));
    }
}
