package com.reftab.scim.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiAreaTest {

    @Test
    void theScimApiIsEverythingUnderScim() {
        assertThat(ApiArea.of("/scim")).isEqualTo(ApiArea.SCIM);
        assertThat(ApiArea.of("/scim/v2/Users/.search")).isEqualTo(ApiArea.SCIM);
    }

    @Test
    void theAdminAndOperatorApisAreTheirOwnFolders() {
        assertThat(ApiArea.of("/api/admin/roles")).isEqualTo(ApiArea.ADMIN);
        assertThat(ApiArea.of("/api/operator/tenants")).isEqualTo(ApiArea.OPERATOR);
    }

    @Test
    void aPathThatOnlyBeginsLikeAnApiIsNoneOfThem() {
        assertThat(ApiArea.of("/api/administrator")).isEqualTo(ApiArea.UNKNOWN);
        assertThat(ApiArea.of("/api/operators/tenants")).isEqualTo(ApiArea.UNKNOWN);
        assertThat(ApiArea.of("/api")).isEqualTo(ApiArea.UNKNOWN);
        assertThat(ApiArea.of("/api/nothing-here")).isEqualTo(ApiArea.UNKNOWN);
    }
}
