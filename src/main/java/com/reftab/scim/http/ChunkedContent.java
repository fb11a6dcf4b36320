package com.reftab.scim.http;

import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A download read chunk by chunk while it is sent: the next chunk is made only once the client
 * has taken the one before, so a report of any length holds one chunk in memory, not the file.
 * The web layer copies an {@link InputStream} body to the client in chunked transfer encoding.
 */
public final class ChunkedContent extends InputStream {

    private final Supplier<byte[]> nextChunk;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean ended;

    /** @param nextChunk the next chunk of the content, or null once it has ended */
    public ChunkedContent(Supplier<byte[]> nextChunk) {
        this.nextChunk = nextChunk;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (position == chunk.length) {
            if (ended) {
                return -1;
            }
            byte[] next = nextChunk.get();
            if (next == null) {
                ended = true;
                return -1;
            }
            chunk = next;
            position = 0;
        }
        int taken = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, taken);
        position += taken;
        return taken;
    }
}
