package com.reftab.scim.protocol;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON answer too large to hold whole (a page of resources), made a chunk at a time while the
 * client reads it (see {@link ChunkedContent}).
 */
public interface StreamedJson {

    /** The answer's bytes: each call gives the next chunk, null once the answer is complete. */
    Supplier<byte[]> chunks(ObjectMapper mapper);
}
