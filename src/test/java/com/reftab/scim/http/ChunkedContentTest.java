package com.reftab.scim.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChunkedContentTest {

    private static ChunkedContent of(String... chunks) {
        Deque<byte[]> queue = new ArrayDeque<>();
        for (String chunk : chunks) {
            queue.add(chunk.getBytes(StandardCharsets.UTF_8));
        }
        return new ChunkedContent(queue::poll);
    }

    @Test
    void theContentIsTheChunksInOrder() throws IOException {
        assertThat(new String(of("a,b\r\n", "", "c,d\r\n").readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\r\nc,d\r\n");
    }

    @Test
    void singleBytesAreReadAsUnsignedValuesAndTheEndAsMinusOne() {
        ChunkedContent content = new ChunkedContent(new ArrayDeque<>(List.of(new byte[] {(byte) 0xC3, (byte) 0xA9}))::poll);

        assertThat(content.read()).isEqualTo(0xC3);
        assertThat(content.read()).isEqualTo(0xA9);
        assertThat(content.read()).isEqualTo(-1);
        assertThat(content.read()).isEqualTo(-1);
    }

    @Test
    void aChunkIsAskedForOnlyWhenTheOneBeforeHasBeenRead() {
        int[] asked = {0};
        ChunkedContent content = new ChunkedContent(() -> ++asked[0] > 3 ? null : new byte[] {1, 2});

        content.read(new byte[2], 0, 2);

        assertThat(asked[0]).isEqualTo(1);
    }
}
