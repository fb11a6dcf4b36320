package com.reftab.scim.admin;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.reftab.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;

class AdminApiTest {

    // Refused before any query: the store is never reached.
    private final AdminApi api = new AdminApi(null, null, null, null);

    @Test
    void anAccountSearchHoldingUPlus0000IsInvalidValue() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> api.accounts(null, null, null, "ann\u0000", null, null))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void aRoleFilterHoldingUPlus0000IsInvalidValue() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> api.accounts(null, null, "User\u0000", null, null, null))
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void anEventsCursorInAnotherScriptsDigitsIsInvalidValue() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> api.events(null, "\u0661", null))
                .returns("invalidValue", ScimException::scimType);
    }
}
