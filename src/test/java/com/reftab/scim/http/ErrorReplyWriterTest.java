package com.reftab.scim.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.StreamCacheException;
import org.junit.jupiter.api.Test;

class ErrorReplyWriterTest {

    @Test
    void aRequestBodyThatCannotBeDecodedIsInvalidSyntax() {
        StreamCacheException unreadable = new StreamCacheException(new StringReader("{"), new IOException("Stream closed"));

        JsonReply reply = ErrorReplyWriter.replyFor(unreadable);

        assertThat(reply.status()).isEqualTo(400);
        JsonNode body = reply.body();
        assertThat(body.path("scimType").asText()).isEqualTo("invalidSyntax");
        assertThat(body.path("status").asText()).isEqualTo("400");
    }

    @Test
    void anUnexpectedFailureIsABare500() {
        JsonReply reply = ErrorReplyWriter.replyFor(new IllegalStateException("internal detail"));

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body().toString()).doesNotContain("internal detail").doesNotContain("IllegalStateException");
    }
}
