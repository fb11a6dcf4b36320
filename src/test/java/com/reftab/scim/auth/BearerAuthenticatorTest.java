package com.reftab.scim.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerAuthenticatorTest {

    @Test
    void bearerHeaderYieldsTheToken() {
        assertThat(BearerAuthenticator.bearerToken("Bearer abc")).isEqualTo("abc");
    }

    @Test
    void schemeIsMatchedIgnoringLetterCase() {
        assertThat(BearerAuthenticator.bearerToken("bearer abc")).isEqualTo("abc");
        assertThat(BearerAuthenticator.bearerToken("BEARER abc")).isEqualTo("abc");
    }

    @Test
    void surroundingWhitespaceIsNotPartOfTheToken() {
        assertThat(BearerAuthenticator.bearerToken("  Bearer   abc  ")).isEqualTo("abc");
    }

    @Test
    void headerWithoutASchemeYieldsNoToken() {
        assertThat(BearerAuthenticator.bearerToken("non-token")).isNull();
    }

    @Test
    void missingHeaderYieldsNoToken() {
        assertThat(BearerAuthenticator.bearerToken(null)).isNull();
    }

    @Test
    void basicSchemeYieldsNoToken() {
        assertThat(BearerAuthenticator.bearerToken("Basic dXNlcjpwYXNz")).isNull();
    }

    @Test
    void bearerSchemeWithoutATokenYieldsNoToken() {
        assertThat(BearerAuthenticator.bearerToken("Bearer ")).isNull();
    }
}
