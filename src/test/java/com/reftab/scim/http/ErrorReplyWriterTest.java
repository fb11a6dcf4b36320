package com.reftab.scim.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorReplyWriterTest {

    @Test
    void anUnexpectedFailureIsABare500() {
        JsonReply reply = ErrorReplyWriter.replyFor(new IllegalStateException("internal detail"));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body().toString()).doesNotContain("internal detail").doesNotContain("IllegalStateException");
    }
}
