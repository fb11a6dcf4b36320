package com.reftab.scim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

class EntityTagsTest {

    private static final String CURRENT = "W/\"3\"";

    @Test
    void anAbsentIfMatchIsNoCondition() {
        assertThatCode(() -> EntityTags.requireMatch(null, CURRENT)).doesNotThrowAnyException();
    }

    @Test
    void aBlankIfMatchIsNoCondition() {
        assertThatCode(() -> EntityTags.requireMatch("  ", CURRENT)).doesNotThrowAnyException();
    }

    @Test
    void theCurrentTagMatches() {
        assertThatCode(() -> EntityTags.requireMatch("W/\"3\"", CURRENT)).doesNotThrowAnyException();
    }

    @Test
    void comparisonIsWeakSoTheStrongFormOfTheTagMatchesToo() {
        assertThatCode(() -> EntityTags.requireMatch("\"3\"", CURRENT)).doesNotThrowAnyException();
    }

    @Test
    void anAsteriskMatchesAnyVersion() {
        assertThatCode(() -> EntityTags.requireMatch("*", CURRENT)).doesNotThrowAnyException();
    }

    @Test
    void aListMatchesWhenAnyOfItsTagsIsCurrent() {
        assertThatCode(() -> EntityTags.requireMatch("W/\"1\", W/\"2\",W/\"3\"", CURRENT)).doesNotThrowAnyException();
    }

    @Test
    void aTagMayContainACommaInsideItsQuotes() {
        assertThat(EntityTags.parse("If-Match", "W/\"a,b\", \"c\"")).containsExactly("\"a,b\"", "\"c\"");
    }

    @Test
    void anOlderTagFailsThePreconditionWith412AndNoScimType() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> EntityTags.requireMatch("W/\"2\"", CURRENT))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.scimType()).isNull();
                    assertThat(e.detail()).contains(CURRENT);
                });
    }

    @Test
    void aTagThatOnlySharesAPrefixDoesNotMatch() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> EntityTags.requireMatch("W/\"33\"", CURRENT))
                .satisfies(e -> assertThat(e.status()).isEqualTo(412));
    }

    @Test
    void anUnquotedTagIsRefusedAsBadRequestRatherThanIgnored() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> EntityTags.requireMatch("3", CURRENT))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.detail()).startsWith("If-Match");
                });
    }

    @Test
    void anUnterminatedTagIsRefused() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> EntityTags.requireMatch("W/\"3", CURRENT))
                .satisfies(e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void textAfterATagIsRefused() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> EntityTags.requireMatch("\"3\"x", CURRENT))
                .satisfies(e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void anAsteriskInsideAListIsNotAWildcard() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> EntityTags.requireMatch("*, W/\"1\"", CURRENT))
                .satisfies(e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void aMatchingIfNoneMatchMeansNotModified() {
        assertThat(EntityTags.notModified("W/\"3\"", CURRENT)).isTrue();
    }

    @Test
    void anAsteriskIfNoneMatchMeansNotModified() {
        assertThat(EntityTags.notModified("*", CURRENT)).isTrue();
    }

    @Test
    void anIfNoneMatchWithAnOlderTagMeansModified() {
        assertThat(EntityTags.notModified("W/\"2\"", CURRENT)).isFalse();
    }

    @Test
    void anAbsentIfNoneMatchMeansModified() {
        assertThat(EntityTags.notModified(null, CURRENT)).isFalse();
    }

    @Test
    void aMalformedIfNoneMatchIsRefusedNamingThatHeader() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> EntityTags.notModified("3", CURRENT))
                .satisfies(e -> assertThat(e.detail()).startsWith("If-None-Match"));
    }
}
