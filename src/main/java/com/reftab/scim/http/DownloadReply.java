package com.reftab.scim.http;

import java.io.InputStream;

/**
 * A file to download (a report), answered with 200 and {@code Content-Disposition: attachment}.
 * Its content is read while it is sent ({@link ChunkedContent}), never held whole.
 */
public record DownloadReply(String mediaType, String fileName, InputStream content) {
}
