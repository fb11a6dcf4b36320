package com.reftab.scim.scim.filter;

import static com.reftab.scim.directory.UserDirectory.FILTERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.reftab.scim.scim.ScimException;
import com.reftab.scim.scim.filter.ScimFilterToSql.SqlCondition;
import org.junit.jupiter.api.Test;

class ScimFilterToSqlTest {

    @Test
    void userNameEqualityComparesTheLowerCasedKeyColumn() {
        SqlCondition condition = FILTERS.translate("userName eq \"John@X.com\"");

        assertThat(condition.sql()).isEqualTo("u.user_name_key = ?");
        assertThat(condition.parameters()).containsExactly("john@x.com");
    }

    @Test
    void attributeNamesInTheFilterIgnoreLetterCase() {
        SqlCondition condition = FILTERS.translate("USERNAME eq \"john@x.com\"");

        assertThat(condition.sql()).isEqualTo("u.user_name_key = ?");
    }

    @Test
    void externalIdEqualityKeepsLetterCase() {
        SqlCondition condition = FILTERS.translate("externalId eq \"00uAbC123\"");

        assertThat(condition.sql()).isEqualTo("u.external_id = ?");
        assertThat(condition.parameters()).containsExactly("00uAbC123");
    }

    @Test
    void activeEqualityBindsABoolean() {
        SqlCondition condition = FILTERS.translate("active eq true");

        assertThat(condition.sql()).isEqualTo("u.active = ?");
        assertThat(condition.parameters()).containsExactly(Boolean.TRUE);
    }

    @Test
    void emailValueEqualityIsAnExistsOverTheEmailTable() {
        SqlCondition condition = FILTERS.translate("emails.value eq \"Ann@X.com\"");

        assertThat(condition.sql()).isEqualTo("exists (select 1 from scim_user_email c where "
                + "c.tenant_id = u.tenant_id and c.user_id = u.id and c.value_key = ?)");
        assertThat(condition.parameters()).containsExactly("ann@x.com");
    }

    @Test
    void valueFilterOnEmailsIsAnExistsWithBothConditions() {
        SqlCondition condition = FILTERS.translate("emails[type eq \"work\" and value eq \"ann@x.com\"]");

        assertThat(condition.sql()).isEqualTo("exists (select 1 from scim_user_email c where "
                + "c.tenant_id = u.tenant_id and c.user_id = u.id and (lower(c.type) = ?) and (c.value_key = ?))");
        assertThat(condition.parameters()).containsExactly("work", "ann@x.com");
    }

    @Test
    void entraValuePathFilterIsReadAsAValueFilter() {
        SqlCondition condition = FILTERS.translate("emails[type eq \"work\"].value eq \"ann@x.com\"");

        assertThat(condition.sql()).isEqualTo("exists (select 1 from scim_user_email c where "
                + "c.tenant_id = u.tenant_id and c.user_id = u.id and (lower(c.type) = ?) and (c.value_key = ?))");
        assertThat(condition.parameters()).containsExactly("work", "ann@x.com");
    }

    @Test
    void andCombinesParenthesisedConditions() {
        SqlCondition condition = FILTERS.translate("userName eq \"ann@x.com\" and active eq true");

        assertThat(condition.sql()).isEqualTo("(u.user_name_key = ?) and (u.active = ?)");
        assertThat(condition.parameters()).containsExactly("ann@x.com", Boolean.TRUE);
    }

    @Test
    void orCombinesParenthesisedConditions() {
        SqlCondition condition = FILTERS.translate("userName eq \"ann@x.com\" or externalId eq \"e1\"");

        assertThat(condition.sql()).isEqualTo("(u.user_name_key = ?) or (u.external_id = ?)");
        assertThat(condition.parameters()).containsExactly("ann@x.com", "e1");
    }

    @Test
    void notNegatesAParenthesisedCondition() {
        SqlCondition condition = FILTERS.translate("not (active eq false)");

        assertThat(condition.sql()).isEqualTo("not (u.active = ?)");
        assertThat(condition.parameters()).containsExactly(Boolean.FALSE);
    }

    @Test
    void injectionAttemptIsOnlyABoundParameter() {
        SqlCondition condition = FILTERS.translate("userName eq \"x' or 1=1 --\"");

        assertThat(condition.sql()).isEqualTo("u.user_name_key = ?");
        assertThat(condition.parameters()).containsExactly("x' or 1=1 --");
    }

    @Test
    void containsOperatorIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("userName co \"ann\""))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void startsWithOperatorIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("userName sw \"ann\""))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void greaterThanOperatorIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("userName gt \"ann\""))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void presentOperatorIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("userName pr"))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void unsupportedOperatorInsideAValueFilterIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("emails[value sw \"ann\"]"))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void unknownAttributeIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("nickName eq \"Annie\""))
                .returns(400, ScimException::status)
                .returns("invalidFilter", ScimException::scimType);
    }

    @Test
    void unknownSubAttributeInsideAValueFilterIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> FILTERS.translate("emails[display eq \"Work\"]"))
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
