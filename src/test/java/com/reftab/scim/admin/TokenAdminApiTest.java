package com.reftab.scim.admin;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;

import com.reftab.scim.auth.TokenKind;

import org.junit.jupiter.api.Test;

class TokenAdminApiTest {

    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void aRotationOverlapUnderAMinuteIsRefusedAtStart() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenAdminApi(null, TokenKind.SCIM, Duration.ZERO, DAY, null))
                .withMessageContaining("reftab.scim.token-rotation-overlap");
        assertThatIllegalArgumentException().isThrownBy(() -> new TokenAdminApi(null, TokenKind.SCIM, DAY, Duration.ofSeconds(59), null))
                .withMessageContaining("reftab.admin.token-rotation-overlap");
    }

    @Test
    void aRotationOverlapOfAMinuteIsTaken() {
        assertThatNoException().isThrownBy(() -> new TokenAdminApi(null, TokenKind.SCIM, Duration.ofMinutes(1), Duration.ofMinutes(1), null));
    }
}
