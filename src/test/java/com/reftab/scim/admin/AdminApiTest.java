package com.reftab.scim.admin;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;

import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;

class AdminApiTest {

    // Refused before any query: the store is never reached.
    private final AdminApi api = new AdminApi(null, null, null, null);

    @Test
    void anAccountSearchHoldingUPlus0000IsInvalidValue() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> api.accounts(query(Map.of("q", "ann\u0000"))))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void aRoleFilterHoldingUPlus0000IsInvalidValue() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> api.accounts(query(Map.of("role", "User\u0000"))))
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void anEventsCursorInAnotherScriptsDigitsIsInvalidValue() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> api.events(query(Map.of("after", "\u0661"))))
                .returns("invalidValue", ScimException::scimType);
    }

    private static ApiRequest query(Map<String, String> parameters) {
        return new ApiRequest(null, Map.of(), parameters, null);
    }
}
