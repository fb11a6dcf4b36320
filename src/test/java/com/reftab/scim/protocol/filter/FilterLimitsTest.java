package com.reftab.scim.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.reftab.scim.directory.UserDirectory;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.UserSchema;
import com.reftab.scim.protocol.patch.GroupPatch;
import com.reftab.scim.protocol.patch.PatchOp;
import com.reftab.scim.protocol.patch.PatchApplier;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class FilterLimitsTest {

    private static final FilterLimits LIMITS = new FilterLimits(200, 4);

    /** {@code not(} nested {@code levels - 1} times around one comparison: {@code levels} deep. */
    private static String nested(int levels) {
        return "not(".repeat(levels - 1) + "userName eq \"x\"" + ")".repeat(levels - 1);
    }

    @Test
    void aFilterExactlyAtTheDepthBoundIsTranslated() {
        assertThat(UserDirectory.FILTERS.translate(nested(4), LIMITS).sql()).startsWith("not (not (not (");
    }

    @Test
    void aFilterOneLevelPastTheDepthBoundIsInvalidFilterNamingTheBound() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserDirectory.FILTERS.translate(nested(5), LIMITS))
                .returns("invalidFilter", ScimException::scimType)
                .satisfies(e -> assertThat(e.detail()).contains("4 levels"));
    }

    @Test
    void andOrAndValueFiltersCountAsLevels() {
        // or → and → value filter → and → comparison: 5 levels.
        String filter = "title eq \"a\" or (title eq \"b\" and emails[type eq \"work\" and value co \"@x\"])";

        assertThatExceptionOfType(ScimException.class).isThrownBy(() -> UserDirectory.FILTERS.translate(filter, LIMITS));
        assertThat(UserDirectory.FILTERS.translate(filter, new FilterLimits(200, 5)).parameters()).isNotEmpty();
    }

    @Test
    void aFilterExactlyAtTheLengthBoundIsTranslatedAndOneCharacterMoreIsInvalidFilter() {
        String prefix = "userName eq \"";
        String atTheBound = prefix + "x".repeat(200 - prefix.length() - 1) + "\"";

        assertThat(atTheBound).hasSize(200);
        assertThat(UserDirectory.FILTERS.translate(atTheBound, LIMITS).parameters()).hasSize(1);
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserDirectory.FILTERS.translate(atTheBound.replace("\"x", "\"xx"), LIMITS))
                .returns("invalidFilter", ScimException::scimType)
                .satisfies(e -> assertThat(e.detail()).contains("201 characters").contains("200"));
    }

    @Test
    void threeThousandNestedNotsAreRefusedByTheDefaultsWithoutRunningOutOfStack() {
        String filter = "not(".repeat(3000) + "userName eq \"x\"" + ")".repeat(3000);

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> UserDirectory.FILTERS.translate(filter, new FilterLimits(1_000_000, 16)))
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void aPatchPathsValueFilterIsBoundLikeAListFilter() {
        PatchApplier patches = new PatchApplier(UserSchema.SCHEMA, LIMITS);
        ObjectNode user = JsonNodeFactory.instance.objectNode().put("userName", "ann@example.com");
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putArray("Operations").addObject().put("op", "replace")
                .put("path", "emails[" + nested(5).replace("userName", "type") + "].value").put("value", "x@example.com");

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> patches.apply(user, patch))
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void aMembersPathFilterIsBoundLikeAListFilter() {
        String nestedOrs = "value eq \"a\"" + " or (value eq \"b\"".repeat(5) + ")".repeat(5);
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putArray("Operations").addObject().put("op", "remove").put("path", "members[" + nestedOrs + "]");

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> new GroupPatch(LIMITS).split(PatchOp.read(patch)))
                .returns("invalidFilter", ScimException::scimType);
    }
}
