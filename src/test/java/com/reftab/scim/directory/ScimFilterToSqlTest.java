package com.reftab.scim.directory;

import static com.reftab.scim.directory.UserDirectory.FILTERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.directory.ScimFilterToSql.SqlCondition;
import org.junit.jupiter.api.Test;

class ScimFilterToSqlTest {

    @Test
    void userNameEqualityComparesTheIndexedLowerCasedKeyColumn() {
        SqlCondition condition = FILTERS.translate("userName eq \"John@X.com\"");

        assertThat(condition.sql()).isEqualTo("(u.user_name_key is not null and u.user_name_key = ?)");
        assertThat(condition.parameters()).containsExactly("john@x.com");
    }

    @Test
    void attributeNamesInTheFilterIgnoreLetterCase() {
        assertThat(FILTERS.translate("USERNAME eq \"john@x.com\"").sql())
                .isEqualTo(FILTERS.translate("userName eq \"john@x.com\"").sql());
    }

    @Test
    void externalIdEqualityKeepsLetterCase() {
        SqlCondition condition = FILTERS.translate("externalId eq \"00uAbC123\"");

        assertThat(condition.parameters()).containsExactly("00uAbC123");
    }

    @Test
    void activeEqualityBindsABoolean() {
        assertThat(FILTERS.translate("active eq true").parameters()).containsExactly(Boolean.TRUE);
    }

    @Test
    void attributesWithoutAColumnAreFoundInTheValueRowsByTheirLowerCasedPath() {
        SqlCondition condition = FILTERS.translate("name.familyName eq \"Lovelace\"");

        assertThat(condition.sql()).contains("scim_user_value");
        assertThat(condition.parameters()).containsExactly("name.familyname", "lovelace");
    }

    @Test
    void enterpriseAttributesAreFoundByTheirUrnQualifiedPath() {
        SqlCondition condition = FILTERS.translate(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"");

        assertThat(condition.parameters()).containsExactly(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:employeenumber", "701984");
    }

    @Test
    void likeWildcardsInAValueAreEscaped() {
        SqlCondition condition = FILTERS.translate("title co \"50%_off\"");

        assertThat(condition.parameters()).containsExactly("title", "%50\\%\\_off%");
    }

    @Test
    void injectionAttemptIsOnlyABoundParameter() {
        SqlCondition condition = FILTERS.translate("userName eq \"x' or 1=1 --\"");

        assertThat(condition.sql()).doesNotContain("1=1").doesNotContain("'x");
        assertThat(condition.parameters()).containsExactly("x' or 1=1 --");
    }

    @Test
    void aValueHoldingUPlus0000IsInvalidFilterBecauseNoStoredValueHoldsIt() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("userName eq \"x\\u0000' or 1=1 --\""))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void sortByAnAttributeWithoutAColumnOrdersByItsSmallestValueWithMissingValuesLast() {
        ScimFilterToSql.SqlOrder order = FILTERS.order("name.familyName", "descending");

        assertThat(order.sql()).endsWith(" desc nulls last");
        assertThat(order.parameters()).containsExactly("name.familyname");
    }

    @Test
    void anUnknownSortOrderIsInvalidValue() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.order("userName", "sideways"))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void aBinaryAttributeIsComparedByTheDigestOfItsValue() {
        SqlCondition condition = FILTERS.translate("x509Certificates.value eq \"MIIC\"");

        assertThat(condition.sql()).contains("text_value = ?");
        assertThat(condition.parameters()).hasSize(2).startsWith("x509certificates.value");
        assertThat(condition.parameters().get(1)).asString().startsWith("sha256:").hasSize("sha256:".length() + 64);
    }

    @Test
    void aBinaryAttributeTakesNoSubstringOrOrderingComparison() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("x509Certificates.value co \"MIIC\""))
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void aUsersGroupsAreTheGroupMemberRowsNamingTheUser() {
        SqlCondition condition = FILTERS.translate("groups.value eq \"g-1\"");

        assertThat(condition.sql()).contains("from scim_group_member").contains(".member_id = u.id")
                .contains(".group_id = ?");
        assertThat(condition.parameters()).containsExactly("g-1");
    }

    @Test
    void aGroupsValueFilterAndTheUrnFormReadTheSameRows() {
        SqlCondition bracketed = FILTERS.translate("groups[value eq \"g-1\"]");
        SqlCondition urn = FILTERS.translate("urn:ietf:params:scim:schemas:core:2.0:User:groups.value eq \"g-1\"");

        assertThat(bracketed.sql()).contains("from scim_group_member");
        assertThat(bracketed.parameters()).containsExactly("g-1");
        assertThat(urn).isEqualTo(FILTERS.translate("groups.value eq \"g-1\""));
    }

    @Test
    void aGroupsDisplayIsTheGroupsDisplayNameInAnyLetterCase() {
        SqlCondition condition = FILTERS.translate("groups.display eq \"Sales EMEA\"");

        assertThat(condition.sql()).contains("from scim_group gd").contains("display_name_key");
        assertThat(condition.parameters()).containsExactly("sales emea");
    }

    @Test
    void aGroupsRefNamesTheGroupByTheIdItEndsWith() {
        SqlCondition condition = FILTERS.translate("groups.$ref eq \"https://x.example/scim/v2/Groups/g-1\"");

        assertThat(condition.parameters()).containsExactly("g-1");
    }

    @Test
    void aValueFilterWithoutItsClosingBracketIsInvalidFilter() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("emails[type eq \"work\""))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void aBracketInsideAQuotedValueNeedsNoPartner() {
        assertThat(FILTERS.translate("emails[value eq \"a[b@x.com\"]").parameters()).contains("a[b@x.com");
    }

    @Test
    void thePasswordCannotBeFilteredOn() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("password eq \"secret\""))
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void orderingABooleanIsInvalidFilter() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("active gt true"))
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void nestedValueFiltersAreInvalidFilter() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("emails[type eq \"work\" and value[x eq \"y\"]]"))
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void unknownAttributeIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("shoeSize eq \"42\""))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void unknownSubAttributeInsideAValueFilterIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("emails[colour eq \"blue\"]"))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void comparisonWithoutAValueIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("userName eq"))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void bareWordIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("foo"))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void stringLiteralForABooleanAttributeIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("active eq \"yes\""))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void numberLiteralForAStringAttributeIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("userName eq 42"))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void entraValuePathFilterFollowedByMoreClausesIsNotReadIntoTheBrackets() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("emails[type eq \"work\"].value eq \"a\" or type eq \"home\""))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }
}
