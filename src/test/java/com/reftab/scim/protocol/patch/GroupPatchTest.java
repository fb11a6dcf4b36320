package com.reftab.scim.protocol.patch;

import static com.reftab.scim.protocol.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.protocol.patch.MemberOperation.Add;
import com.reftab.scim.protocol.patch.MemberOperation.Member;
import com.reftab.scim.protocol.patch.MemberOperation.Remove;
import com.reftab.scim.protocol.patch.MemberOperation.RemoveAll;
import com.reftab.scim.protocol.patch.MemberOperation.ReplaceAll;
import org.junit.jupiter.api.Test;

class GroupPatchTest {

    private static final GroupPatch GROUP_PATCH = new GroupPatch(FilterLimits.DEFAULTS);

    @Test
    void oktaReconcileReplaceOfTheGroupsOwnAttributesHasNoMemberOperations() {
        ObjectNode request = json("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "replace", "value": {"id": "g-1", "displayName": "Engineering"}}]}
                """);

        GroupPatch.Split split = GROUP_PATCH.split(PatchOp.read(request));

        assertThat(split.memberOperations()).isEmpty();
        assertThat(split.attributeOperations()).isEqualTo(PatchOp.read(request).operations());
    }

    @Test
    void oktaRemovesThenAddAreKeptInRequestOrder() {
        GroupPatch.Split split = GROUP_PATCH.split(patch("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [
                   {"op": "remove", "path": "members[value eq \\"a\\"]"},
                   {"op": "remove", "path": "members[value eq \\"b\\"]"},
                   {"op": "add", "path": "members", "value": [{"value": "c", "display": "C"}]}]}
                """));

        assertThat(split.memberOperations()).containsExactly(
                new Remove(Set.of("a")),
                new Remove(Set.of("b")),
                new Add(List.of(new Member("c", "C"))));
        assertThat(split.attributeOperations()).isEmpty();
    }

    @Test
    void removeFilterJoiningIdsWithOrRemovesEachOfThem() {
        GroupPatch.Split split = GROUP_PATCH.split(patch("""
                {"Operations": [{"op": "remove", "path": "members[value eq \\"a\\" or value eq \\"b\\"]"}]}
                """));

        assertThat(split.memberOperations()).containsExactly(new Remove(Set.of("a", "b")));
    }

    @Test
    void replaceOfTheMembersPathReplacesTheWholeMembership() {
        GroupPatch.Split split = GROUP_PATCH.split(patch("""
                {"Operations": [{"op": "replace", "path": "members",
                                 "value": [{"value": "a", "display": "A"}, {"value": "b"}]}]}
                """));

        assertThat(split.memberOperations()).containsExactly(
                new ReplaceAll(List.of(new Member("a", "A"), new Member("b", null))));
    }

    @Test
    void entraRemoveWithAValueListRemovesOnlyThoseMembers() {
        GroupPatch.Split split = GROUP_PATCH.split(patch("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "Remove", "path": "members", "value": [{"value": "a"}]}]}
                """));

        assertThat(split.memberOperations()).containsExactly(new Remove(Set.of("a")));
    }

    @Test
    void removeOfTheMembersPathWithoutAValueRemovesEveryMember() {
        GroupPatch.Split split = GROUP_PATCH.split(patch("""
                {"Operations": [{"op": "remove", "path": "members"}]}
                """));

        assertThat(split.memberOperations()).containsExactly(new RemoveAll());
    }

    @Test
    void pathlessAddSplitsMembersFromTheOtherAttributes() {
        GroupPatch.Split split = GROUP_PATCH.split(patch("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "add", "value": {"members": [{"value": "a"}], "displayName": "Y"}}]}
                """));

        assertThat(split.memberOperations()).containsExactly(new Add(List.of(new Member("a", null))));
        assertThat(split.attributeOperations()).isEqualTo(operations("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "add", "value": {"displayName": "Y"}}]}
                """));
    }

    @Test
    void pathlessReplaceHoldingOnlyMembersLeavesNoAttributePatch() {
        GroupPatch.Split split = GROUP_PATCH.split(patch("""
                {"Operations": [{"op": "replace", "value": {"members": [{"value": "a"}]}}]}
                """));

        assertThat(split.memberOperations()).containsExactly(new ReplaceAll(List.of(new Member("a", null))));
        assertThat(split.attributeOperations()).isEmpty();
    }

    @Test
    void capitalisedOpNamesAreAccepted() {
        GroupPatch.Split split = GROUP_PATCH.split(patch("""
                {"Operations": [
                   {"op": "ADD", "path": "members", "value": [{"value": "a"}]},
                   {"op": "Replace", "path": "members", "value": [{"value": "b"}]},
                   {"op": "REMOVE", "path": "members[value eq \\"b\\"]"}]}
                """));

        assertThat(split.memberOperations()).containsExactly(
                new Add(List.of(new Member("a", null))),
                new ReplaceAll(List.of(new Member("b", null))),
                new Remove(Set.of("b")));
    }

    @Test
    void membersPathQualifiedWithTheGroupSchemaUrnIsAMembershipOperation() {
        GroupPatch.Split split = GROUP_PATCH.split(patch("""
                {"Operations": [{"op": "add", "path": "urn:ietf:params:scim:schemas:core:2.0:Group:members",
                                 "value": [{"value": "a"}]}]}
                """));

        assertThat(split.memberOperations()).containsExactly(new Add(List.of(new Member("a", null))));
    }

    @Test
    void operationsOnOtherAttributesAreLeftForTheAttributePatchInOrder() {
        GroupPatch.Split split = GROUP_PATCH.split(patch("""
                {"Operations": [
                   {"op": "replace", "path": "displayName", "value": "X"},
                   {"op": "add", "path": "members", "value": [{"value": "a"}]},
                   {"op": "replace", "path": "externalId", "value": "ext-1"}]}
                """));

        assertThat(split.attributeOperations()).isEqualTo(operations("""
                {"Operations": [
                   {"op": "replace", "path": "displayName", "value": "X"},
                   {"op": "replace", "path": "externalId", "value": "ext-1"}]}
                """));
    }

    @Test
    void memberWithoutAStringValueIsAnInvalidValue() {
        ObjectNode request = json("""
                {"Operations": [{"op": "add", "path": "members", "value": [{"value": 42}]}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> GROUP_PATCH.split(PatchOp.read(request)))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void memberWithoutAnyValueIsAnInvalidValue() {
        ObjectNode request = json("""
                {"Operations": [{"op": "add", "path": "members", "value": [{"display": "Ann"}]}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> GROUP_PATCH.split(PatchOp.read(request)))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void removeSelectingMembersByDisplayIsAnInvalidPath() {
        ObjectNode request = json("""
                {"Operations": [{"op": "remove", "path": "members[display eq \\"x\\"]"}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> GROUP_PATCH.split(PatchOp.read(request)))
                .returns(400, ScimException::status)
                .returns("invalidPath", ScimException::scimType);
    }

    @Test
    void malformedMembersPathIsAnInvalidPath() {
        ObjectNode request = json("""
                {"Operations": [{"op": "remove", "path": "members[value eq]"}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> GROUP_PATCH.split(PatchOp.read(request)))
                .returns(400, ScimException::status)
                .returns("invalidPath", ScimException::scimType);
    }

    @Test
    void aSubAttributeOfMembersIsImmutable() {
        ObjectNode request = json("""
                {"Operations": [{"op": "replace", "path": "members.value", "value": "a"}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> GROUP_PATCH.split(PatchOp.read(request)))
                .returns(400, ScimException::status)
                .returns("mutability", ScimException::scimType);
    }

    @Test
    void aMembersPathWithoutItsClosingBracketIsAnInvalidPath() {
        ObjectNode request = json("""
                {"Operations": [{"op": "remove", "path": "members[value eq \\"a\\""}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> GROUP_PATCH.split(PatchOp.read(request)))
                .returns(400, ScimException::status)
                .returns("invalidPath", ScimException::scimType);
    }

    @Test
    void addWithAMemberFilterIsAnInvalidPath() {
        ObjectNode request = json("""
                {"Operations": [{"op": "add", "path": "members[value eq \\"a\\"]", "value": [{"value": "a"}]}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> GROUP_PATCH.split(PatchOp.read(request)))
                .returns(400, ScimException::status)
                .returns("invalidPath", ScimException::scimType);
    }

    @Test
    void emptyOperationsAreInvalidSyntax() {
        ObjectNode request = json("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": []}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> GROUP_PATCH.split(PatchOp.read(request)))
                .returns(400, ScimException::status)
                .returns("invalidSyntax", ScimException::scimType);
    }

    @Test
    void missingOperationsAreInvalidSyntax() {
        ObjectNode request = json("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> GROUP_PATCH.split(PatchOp.read(request)))
                .returns(400, ScimException::status)
                .returns("invalidSyntax", ScimException::scimType);
    }

    @Test
    void schemasWithoutThePatchOpUrnAreAnInvalidValue() {
        ObjectNode request = json("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                 "Operations": [{"op": "add", "path": "members", "value": [{"value": "a"}]}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> GROUP_PATCH.split(PatchOp.read(request)))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void pathlessRemoveOfMembersHasNoTarget() {
        ObjectNode request = json("""
                {"Operations": [{"op": "remove", "value": {"members": [{"value": "a"}]}}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> GROUP_PATCH.split(PatchOp.read(request)))
                .returns(400, ScimException::status)
                .returns("noTarget", ScimException::scimType);
    }

    @Test
    void unknownOpOnMembersIsInvalidSyntax() {
        ObjectNode request = json("""
                {"Operations": [{"op": "move", "path": "members", "value": [{"value": "a"}]}]}
                """);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> GROUP_PATCH.split(PatchOp.read(request)))
                .returns(400, ScimException::status)
                .returns("invalidSyntax", ScimException::scimType);
    }

    private static PatchOp patch(String json) {
        return PatchOp.read(json(json));
    }

    private static List<PatchOperation> operations(String json) {
        return patch(json).operations();
    }
}
