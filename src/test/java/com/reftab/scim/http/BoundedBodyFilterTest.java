package com.reftab.scim.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BoundedBodyFilterTest {

    @Test
    void aUtf8BodyIsWellFormed() {
        assertThat(BoundedBodyFilter.isWellFormed("{\"displayName\":\"Zoë Łukasz 日本\"}".getBytes(StandardCharsets.UTF_8), null))
                .isTrue();
    }

    @Test
    void aBodyWithAByteSequenceThatIsNotUtf8IsNot() {
        byte[] body = {'{', '"', (byte) 0xC3, '(', '"', ':', '1', '}'};

        assertThat(BoundedBodyFilter.isWellFormed(body, null)).isFalse();
        assertThat(BoundedBodyFilter.isWellFormed(body, "utf-8")).isFalse();
    }

    @Test
    void aBodyDeclaredInAnotherCharsetIsLeftToItsDecoder() {
        assertThat(BoundedBodyFilter.isWellFormed(new byte[] {(byte) 0xE9}, "ISO-8859-1")).isTrue();
    }
}
