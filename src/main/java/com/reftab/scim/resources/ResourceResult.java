package com.reftab.scim.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.StreamedJson;

/**
 * What a SCIM operation answers, for the web layer to write or Bulk to report: a status, a body
 * (or one written as it is read), the resource's entity tag and, for a creation, its location.
 */
public record ResourceResult(int status, ObjectNode body, StreamedJson streamed, String etag, String location) {

    public static ResourceResult of(int status, ObjectNode body) {
        return new ResourceResult(status, body, null, null, null);
    }

    static ResourceResult resource(int status, ObjectNode body, String etag) {
        return new ResourceResult(status, body, null, etag, null);
    }

    static ResourceResult created(ObjectNode body, String etag, String location) {
        return new ResourceResult(201, body, null, etag, location);
    }

    static ResourceResult streamed(StreamedJson body) {
        return new ResourceResult(200, null, body, null, null);
    }

    /** 304 to a conditional GET: only the tag the client already holds (RFC 7232 §4.1). */
    static ResourceResult notModified(String etag) {
        return new ResourceResult(304, null, null, etag, null);
    }

    /** @param etag the resource's tag after the write, or null when there is none to give (a deletion) */
    static ResourceResult noContent(String etag) {
        return new ResourceResult(204, null, null, etag, null);
    }
}
