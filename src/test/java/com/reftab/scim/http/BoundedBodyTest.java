package com.reftab.scim.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    private final AtomicLong millis = new AtomicLong();
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());

    @Test
    void aBodyWithinTheLimitIsReadWhole() throws IOException {
        byte[] body = "{\"userName\":\"a@atko.com\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(new BoundedBody(body.length, Duration.ofSeconds(30), clock).read(new ByteArrayInputStream(body))).isEqualTo(body);
    }

    @Test
    void aBodyOneByteOverTheLimitIs413AndNoMoreIsRead() {
        CountingStream in = new CountingStream(new ByteArrayInputStream(new byte[100_000]));

        assertThatThrownBy(() -> new BoundedBody(1000, Duration.ofSeconds(30), clock).read(in))
                .isInstanceOfSatisfying(BoundedBody.Refused.class, refused -> assertThat(refused.status()).isEqualTo(413));
        assertThat(in.read).isEqualTo(1001);
    }

    @Test
    void aBodyStillArrivingAfterTheTimeAllowedIs408() {
        InputStream trickle = new InputStream() {
            @Override
            public int read() {
                millis.addAndGet(1000);
                return 'x';
            }
        };

        assertThatThrownBy(() -> new BoundedBody(1_000_000, Duration.ofSeconds(5), clock).read(trickle))
                .isInstanceOfSatisfying(BoundedBody.Refused.class, refused -> assertThat(refused.status()).isEqualTo(408));
    }

    @Test
    void aReadTimingOutIs408() {
        InputStream stalled = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException(new SocketTimeoutException("Read timed out"));
            }
        };

        assertThatThrownBy(() -> new BoundedBody(1000, Duration.ofSeconds(5), clock).read(stalled))
                .isInstanceOfSatisfying(BoundedBody.Refused.class, refused -> assertThat(refused.status()).isEqualTo(408));
    }

    private static final class CountingStream extends InputStream {
        private final InputStream in;
        private long read;

        CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            read += Math.max(n, 0);
            return n;
        }
    }
}
