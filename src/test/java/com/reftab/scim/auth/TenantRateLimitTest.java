package com.reftab.scim.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.reftab.scim.scim.ScimException;
import org.junit.jupiter.api.Test;

class TenantRateLimitTest {

    @Test
    void aTenantOverItsBurstIsRefusedWith429AndARetryAfter() {
        TenantRateLimit limit = new TenantRateLimit(60, 2);
        limit.admit("acme");
        limit.admit("acme");

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> limit.admit("acme"))
                .returns(429, ScimException::status)
                .satisfies(e -> assertThat(e.retryAfterSeconds()).isBetween(1L, 2L));
    }

    @Test
    void aTenantAtItsLimitDoesNotHoldBackAnother() {
        TenantRateLimit limit = new TenantRateLimit(60, 1);
        limit.admit("busy");

        assertThatCode(() -> limit.admit("quiet")).doesNotThrowAnyException();
    }

    @Test
    void aRateOfZeroAdmitsEverything() {
        TenantRateLimit limit = new TenantRateLimit(0, 0);

        assertThatCode(() -> {
            for (int i = 0; i < 1000; i++) {
                limit.admit("acme");
            }
        }).doesNotThrowAnyException();
    }
}
