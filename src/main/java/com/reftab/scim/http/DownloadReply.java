package com.reftab.scim.http;

/** A file to download (a report), answered with 200 and {@code Content-Disposition: attachment}. */
public record DownloadReply(String mediaType, String fileName, byte[] content) {
}
