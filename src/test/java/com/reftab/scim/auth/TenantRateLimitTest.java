package com.reftab.scim.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.reftab.scim.auth.TenantRateLimit.Budget;
import com.reftab.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;

class TenantRateLimitTest {

    private static final Budget OFF = new Budget(0, 0);

    @Test
    void aTenantAtItsBurstIsAdmittedAndOnePastItRefusedWith429ARetryAfterAndTheBoundNamed() {
        TenantRateLimit limit = new TenantRateLimit(new Budget(60, 2), OFF);
        limit.admit(TokenKind.SCIM, "acme");
        limit.admit(TokenKind.SCIM, "acme");

        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> limit.admit(TokenKind.SCIM, "acme"))
                .returns(429, ScimException::status)
                .satisfies(e -> assertThat(e.retryAfterSeconds()).isBetween(1L, 2L))
                .satisfies(e -> assertThat(e.detail()).contains("60 a minute with bursts of 2")
                        .contains("reftab.scim.rate-limit"));
    }

    @Test
    void aTenantAtItsLimitDoesNotHoldBackAnother() {
        TenantRateLimit limit = new TenantRateLimit(new Budget(60, 1), OFF);
        limit.admit(TokenKind.SCIM, "busy");

        assertThatCode(() -> limit.admit(TokenKind.SCIM, "quiet")).doesNotThrowAnyException();
    }

    @Test
    void theAdminApiSpendsABudgetOfItsOwn() {
        TenantRateLimit limit = new TenantRateLimit(new Budget(60, 1), new Budget(60, 1));
        limit.admit(TokenKind.ADMIN, "acme");

        assertThatCode(() -> limit.admit(TokenKind.SCIM, "acme")).doesNotThrowAnyException();
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> limit.admit(TokenKind.ADMIN, "acme"))
                .satisfies(e -> assertThat(e.detail()).contains("admin API").contains("reftab.admin.rate-limit"));
    }

    @Test
    void aRateOfZeroAdmitsEverything() {
        TenantRateLimit limit = new TenantRateLimit(OFF, OFF);

        assertThatCode(() -> {
            for (int i = 0; i < 1000; i++) {
                limit.admit(TokenKind.SCIM, "acme");
                limit.admit(TokenKind.ADMIN, "acme");
            }
        }).doesNotThrowAnyException();
    }
}
