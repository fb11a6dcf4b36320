package com.reftab.scim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ScimJsonTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aStringHoldingUPlus0000IsInvalidValue() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> ScimJson.readObject(json("{\"userName\":\"a\\u0000b\"}")))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void aStringHoldingUPlus0000DeepInsideIsInvalidValue() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> ScimJson.readObject(json("{\"emails\":[{\"value\":\"\\u0000\"}]}")))
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void anAttributeNameHoldingUPlus0000IsInvalidValue() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> ScimJson.readObject(json("{\"user\\u0000Name\":\"a\"}")))
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void otherControlCharactersAreKept() {
        assertThat(ScimJson.readObject(json("{\"title\":\"a\\tb\\u0001\"}")).path("title").asText()).isEqualTo("a\tb\u0001");
    }
}
