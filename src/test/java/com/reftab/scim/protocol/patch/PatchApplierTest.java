package com.reftab.scim.protocol.patch;

import static com.reftab.scim.protocol.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.UserSchema;
import com.reftab.scim.protocol.filter.FilterLimits;
import org.junit.jupiter.api.Test;

class PatchApplierTest {

    private final PatchApplier applier = new PatchApplier(UserSchema.SCHEMA, FilterLimits.DEFAULTS);

    @Test
    void oktaPathlessReplaceDeactivatesTheUser() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "active": true}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "replace", "value": {"active": false}}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com", "active": false}
                """));
    }

    @Test
    void opNameInMixedCaseIsAccepted() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "displayName": "Ann"}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "Replace", "path": "displayName", "value": "Annie"}]}
                """));

        assertThat(patched.get("displayName").asText()).isEqualTo("Annie");
    }

    @Test
    void opNameInUpperCaseIsAccepted() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "ADD", "path": "title", "value": "Engineer"}]}
                """));

        assertThat(patched.get("title").asText()).isEqualTo("Engineer");
    }

    @Test
    void replaceOfASubAttributePathLeavesTheOtherSubAttributes() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "name": {"givenName": "Ann", "familyName": "Smith"}}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "replace", "path": "name.givenName", "value": "Annie"}]}
                """));

        assertThat(patched.get("name")).isEqualTo(json("""
                {"givenName": "Annie", "familyName": "Smith"}
                """));
    }

    @Test
    void pathlessDottedKeySetsTheSubAttribute() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "name": {"givenName": "Ann", "familyName": "Smith"}}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "replace", "value": {"name.givenName": "Annie"}}]}
                """));

        assertThat(patched.get("name")).isEqualTo(json("""
                {"givenName": "Annie", "familyName": "Smith"}
                """));
    }

    @Test
    void pathlessComplexValueMergesIntoTheExistingSubAttributes() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "name": {"givenName": "Ann", "familyName": "Smith"}}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "replace", "value": {"name": {"familyName": "Jones"}}}]}
                """));

        assertThat(patched.get("name")).isEqualTo(json("""
                {"givenName": "Ann", "familyName": "Jones"}
                """));
    }

    @Test
    void urnQualifiedPathSetsTheEnterpriseAttribute() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "replace",
                                 "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
                                 "value": "701984"}]}
                """));

        assertThat(patched.get(UserSchema.ENTERPRISE)).isEqualTo(json("""
                {"employeeNumber": "701984"}
                """));
    }

    @Test
    void pathlessUrnQualifiedKeySetsTheEnterpriseAttribute() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "add",
                                 "value": {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Sales"}}]}
                """));

        assertThat(patched.path(UserSchema.ENTERPRISE).path("department").asText()).isEqualTo("Sales");
    }

    @Test
    void pathlessExtensionObjectKeepsTheOtherEnterpriseAttributes() {
        ObjectNode user = json("""
                {"userName": "ann@example.com",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "701984"}}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "replace",
                                 "value": {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Sales"}}}]}
                """));

        assertThat(patched.get(UserSchema.ENTERPRISE)).isEqualTo(json("""
                {"employeeNumber": "701984", "department": "Sales"}
                """));
    }

    @Test
    void removingTheLastEnterpriseAttributeRemovesTheExtension() {
        ObjectNode user = json("""
                {"userName": "ann@example.com",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "701984"}}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "remove",
                                 "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"}]}
                """));

        assertThat(patched.has(UserSchema.ENTERPRISE)).isFalse();
    }

    @Test
    void filteredPathReplacesTheValueOfTheExistingWorkEmail() {
        ObjectNode user = json("""
                {"userName": "ann@example.com",
                 "emails": [{"type": "work", "value": "ann@old.example", "primary": true},
                            {"type": "home", "value": "ann@home.example"}]}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "replace", "path": "emails[type eq \\"work\\"].value", "value": "ann@new.example"}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com",
                 "emails": [{"type": "work", "value": "ann@new.example", "primary": true},
                            {"type": "home", "value": "ann@home.example"}]}
                """));
    }

    @Test
    void filteredPathCreatesAWorkEmailWhenThereIsNone() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "emails": [{"type": "home", "value": "ann@home.example"}]}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "replace", "path": "emails[type eq \\"work\\"].value", "value": "ann@work.example"}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com",
                 "emails": [{"type": "home", "value": "ann@home.example"},
                            {"type": "work", "value": "ann@work.example"}]}
                """));
    }

    @Test
    void filteredPathCreatesTheEmailsAttributeWhenTheUserHasNoEmails() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "add", "path": "emails[type eq \\"work\\"].value", "value": "ann@work.example"}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com",
                 "emails": [{"type": "work", "value": "ann@work.example"}]}
                """));
    }

    @Test
    void addToAMultiValuedAttributeAppends() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "emails": [{"type": "work", "value": "ann@work.example"}]}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "add", "path": "emails", "value": [{"type": "home", "value": "ann@home.example"}]}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com",
                 "emails": [{"type": "work", "value": "ann@work.example"},
                            {"type": "home", "value": "ann@home.example"}]}
                """));
    }

    @Test
    void addDoesNotDuplicateAnElementWithTheSameValue() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "emails": [{"type": "work", "value": "ann@work.example"}]}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "add", "path": "emails", "value": [{"type": "other", "value": "ann@work.example"}]}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com",
                 "emails": [{"type": "work", "value": "ann@work.example"}]}
                """));
    }

    @Test
    void replaceOfAMultiValuedAttributeReplacesAllElements() {
        ObjectNode user = json("""
                {"userName": "ann@example.com",
                 "emails": [{"type": "work", "value": "ann@work.example"}, {"type": "home", "value": "ann@home.example"}]}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "replace", "path": "emails", "value": [{"type": "work", "value": "ann@new.example"}]}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com",
                 "emails": [{"type": "work", "value": "ann@new.example"}]}
                """));
    }

    @Test
    void removeWithAValueArrayRemovesOnlyTheListedValues() {
        ObjectNode user = json("""
                {"userName": "ann@example.com",
                 "emails": [{"type": "work", "value": "a@x.example"}, {"type": "home", "value": "b@x.example"}]}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "Remove", "path": "emails", "value": [{"value": "a@x.example"}]}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com",
                 "emails": [{"type": "home", "value": "b@x.example"}]}
                """));
    }

    @Test
    void removeOfEveryListedValueRemovesTheAttribute() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "emails": [{"type": "work", "value": "a@x.example"}]}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "Remove", "path": "emails", "value": [{"value": "a@x.example"}]}]}
                """));

        assertThat(patched.has("emails")).isFalse();
    }

    @Test
    void removeWithAValueFilterRemovesOnlyTheMatchingElement() {
        ObjectNode user = json("""
                {"userName": "ann@example.com",
                 "emails": [{"type": "work", "value": "a@x.example"}, {"type": "home", "value": "b@x.example"}]}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "remove", "path": "emails[value eq \\"a@x.example\\"]"}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com",
                 "emails": [{"type": "home", "value": "b@x.example"}]}
                """));
    }

    @Test
    void removeOfASingleValuedAttributeDropsIt() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "title": "Engineer"}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "remove", "path": "title"}]}
                """));

        assertThat(patched.has("title")).isFalse();
    }

    @Test
    void removeWithoutAPathIsRejectedAsNoTarget() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "title": "Engineer"}
                """);
        ObjectNode patch = json("""
                {"Operations": [{"op": "remove", "value": {"title": "Engineer"}}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> applier.apply(user, patch))
                .returns(400, ScimException::status)
                .returns("noTarget", ScimException::scimType);
    }

    @Test
    void pathlessValueCarryingTheIdIsAppliedAndTheIdIgnored() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "active": true}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "replace", "value": {"id": "00u1abcd", "active": false}}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com", "active": false}
                """));
    }

    @Test
    void pathlessUnknownAttributeIsIgnored() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "add", "value": {"favouriteColour": "teal"}}]}
                """));

        assertThat(patched).isEqualTo(user);
    }

    @Test
    void unknownExplicitPathIsRejectedAsInvalidPath() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);
        ObjectNode patch = json("""
                {"Operations": [{"op": "replace", "path": "favouriteColour", "value": "teal"}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> applier.apply(user, patch))
                .returns(400, ScimException::status)
                .returns("invalidPath", ScimException::scimType);
    }

    @Test
    void pathWithAnUnknownSchemaUrnIsRejectedAsInvalidPath() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);
        ObjectNode patch = json("""
                {"Operations": [{"op": "replace", "path": "urn:example:params:scim:schemas:extension:acme:2.0:User:badge", "value": "7"}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> applier.apply(user, patch))
                .returns(400, ScimException::status)
                .returns("invalidPath", ScimException::scimType);
    }

    @Test
    void missingOperationsIsRejectedAsInvalidSyntax() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);
        ObjectNode patch = json("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> applier.apply(user, patch))
                .returns(400, ScimException::status)
                .returns("invalidSyntax", ScimException::scimType);
    }

    @Test
    void emptyOperationsIsRejectedAsInvalidSyntax() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);
        ObjectNode patch = json("""
                {"Operations": []}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> applier.apply(user, patch))
                .returns(400, ScimException::status)
                .returns("invalidSyntax", ScimException::scimType);
    }

    @Test
    void unknownOpNameIsRejectedAsInvalidSyntax() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);
        ObjectNode patch = json("""
                {"Operations": [{"op": "merge", "path": "title", "value": "Engineer"}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> applier.apply(user, patch))
                .returns(400, ScimException::status)
                .returns("invalidSyntax", ScimException::scimType);
    }

    @Test
    void schemasWithoutThePatchOpUrnIsRejectedAsInvalidValue() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);
        ObjectNode patch = json("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                 "Operations": [{"op": "replace", "path": "title", "value": "Engineer"}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> applier.apply(user, patch))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void replaceWithAPathButNoValueIsRejectedAsInvalidValue() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);
        ObjectNode patch = json("""
                {"Operations": [{"op": "replace", "path": "title"}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> applier.apply(user, patch))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void theInputResourceIsNotModified() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "active": true,
                 "name": {"givenName": "Ann"}, "emails": [{"type": "work", "value": "a@x.example"}]}
                """);
        ObjectNode before = user.deepCopy();

        applier.apply(user, json("""
                {"Operations": [{"op": "replace", "value": {"active": false}},
                                {"op": "replace", "path": "name.givenName", "value": "Annie"},
                                {"op": "add", "path": "emails", "value": [{"value": "b@x.example"}]}]}
                """));

        assertThat(user).isEqualTo(before);
    }

    @Test
    void removeWithAValueArrayMatchesEmailsInAnyLetterCase() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "emails": [{"type": "work", "value": "Ann@X.example"}]}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "Remove", "path": "emails", "value": [{"value": "ann@x.example"}]}]}
                """));

        assertThat(patched.has("emails")).isFalse();
    }

    @Test
    void addOfAnEmailThatDiffersOnlyInLetterCaseAddsNothing() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "emails": [{"type": "work", "value": "Ann@X.example"}]}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "add", "path": "emails", "value": [{"value": "ann@x.example"}]}]}
                """));

        assertThat(patched.get("emails")).hasSize(1);
    }

    @Test
    void theRequestIsNotModifiedByApplyingIt() {
        ObjectNode request = json("""
                {"Operations": [{"op": "add", "path": "name", "value": {"givenName": "A"}},
                                {"op": "replace", "path": "name.familyName", "value": "B"}]}
                """);
        ObjectNode original = request.deepCopy();

        applier.apply(json("""
                {"userName": "ann@example.com"}
                """), request);

        assertThat(request).isEqualTo(original);
    }

    @Test
    void patchOpSchemaUrnMatchesInAnyLetterCase() {
        ObjectNode patched = applier.apply(json("""
                {"userName": "ann@example.com"}
                """), json("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:patchop"],
                 "Operations": [{"op": "replace", "path": "displayName", "value": "Ann"}]}
                """));

        assertThat(patched.get("displayName").asText()).isEqualTo("Ann");
    }

    @Test
    void aBareStringAddedToEmailsIsAnEmailALaterOperationOfTheRequestCanSet() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "emails": [{"type": "work", "value": "ann@work.example"}]}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "add", "path": "emails", "value": "ann@home.example"},
                                {"op": "replace", "path": "emails.type", "value": "home"},
                                {"op": "replace", "path": "emails[value eq \\"ann@home.example\\"].primary", "value": true}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com",
                 "emails": [{"type": "home", "value": "ann@work.example"},
                            {"type": "home", "value": "ann@home.example", "primary": true}]}
                """));
    }

    @Test
    void aNumberAmongTheEmailsIsInvalidValueBeforeAnyOperationReadsIt() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> applier.apply(json("""
                        {"userName": "ann@example.com"}
                        """), json("""
                        {"Operations": [{"op": "add", "path": "emails", "value": [42]},
                                        {"op": "replace", "path": "emails.type", "value": "home"}]}
                        """)))
                .satisfies(e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
    }

    private ScimException refused(ObjectNode resource, String operations) {
        try {
            applier.apply(resource, json("{\"Operations\": [" + operations + "]}"));
        } catch (ScimException e) {
            return e;
        }
        throw new AssertionError("accepted: " + operations);
    }

    @Test
    void anExplicitPathToTheReadOnlyGroupsIsRefusedAsMutability() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);

        for (String operation : new String[] {
                "{\"op\": \"add\", \"path\": \"groups\", \"value\": [{\"value\": \"g-1\"}]}",
                "{\"op\": \"remove\", \"path\": \"groups\"}",
                "{\"op\": \"remove\", \"path\": \"groups[value eq \\\"g-1\\\"]\"}",
                "{\"op\": \"replace\", \"path\": \"groups.display\", \"value\": \"x\"}"}) {
            assertThat(refused(user, operation)).as(operation)
                    .returns(400, ScimException::status).returns("mutability", ScimException::scimType);
        }
    }

    @Test
    void anExplicitPathToIdOrMetaIsRefusedAsMutability() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);

        for (String path : new String[] {"id", "meta", "meta.lastModified",
                "urn:ietf:params:scim:schemas:core:2.0:User:id"}) {
            assertThat(refused(user, "{\"op\": \"replace\", \"path\": \"" + path + "\", \"value\": \"x\"}"))
                    .as(path).returns(400, ScimException::status).returns("mutability", ScimException::scimType);
        }
    }

    @Test
    void readOnlyValuesInAPathlessValueAreStillIgnored() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "replace", "value": {"id": "u-1", "displayName": "Ann",
                  "meta": {"resourceType": "User"}}}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com", "displayName": "Ann"}
                """));
    }

    @Test
    void aPathWithAnUnclosedValueFilterIsAnInvalidPath() {
        ObjectNode user = json("""
                {"userName": "ann@example.com", "emails": [{"value": "a@x.com", "type": "work"}]}
                """);

        assertThat(refused(user, "{\"op\": \"remove\", \"path\": \"emails[type eq \\\"work\\\"\"}"))
                .returns(400, ScimException::status).returns("invalidPath", ScimException::scimType);
    }

    @Test
    void aPathNamingTheExtensionAppliesTheValuesSubAttributesToIt() {
        ObjectNode user = json("""
                {"userName": "ann@example.com",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Ops", "division": "North"}}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                  "value": {"department": "Sales", "employeeNumber": "7"}}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                   {"department": "Sales", "division": "North", "employeeNumber": "7"}}
                """));
    }

    @Test
    void removingThePathNamingTheExtensionRemovesIt() {
        ObjectNode user = json("""
                {"userName": "ann@example.com",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Ops"}}
                """);

        ObjectNode patched = applier.apply(user, json("""
                {"Operations": [{"op": "remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"}]}
                """));

        assertThat(patched).isEqualTo(json("""
                {"userName": "ann@example.com"}
                """));
    }

    @Test
    void anUnknownSchemaUrnIsNamedWhole() {
        ObjectNode user = json("""
                {"userName": "ann@example.com"}
                """);

        assertThat(refused(user, "{\"op\": \"replace\", \"path\": \"urn:example:params:scim:schemas:extension:acme:2.0:User\","
                + " \"value\": {\"badge\": \"7\"}}"))
                .returns("invalidPath", ScimException::scimType)
                .extracting(ScimException::detail).asString()
                .contains("urn:example:params:scim:schemas:extension:acme:2.0:User");
    }
}
