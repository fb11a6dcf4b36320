package com.reftab.scim.http;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** What an endpoint answers: status, optional JSON body, media type and extra headers. */
public record JsonReply(int status, JsonNode body, String mediaType, Map<String, String> headers) {

    public static final String SCIM_JSON = "application/scim+json;charset=UTF-8";
    public static final String JSON = "application/json;charset=UTF-8";

    public static JsonReply scim(int status, JsonNode body) {
        return new JsonReply(status, body, SCIM_JSON, Map.of());
    }

    public static JsonReply json(int status, JsonNode body) {
        return new JsonReply(status, body, JSON, Map.of());
    }

    public static JsonReply noContent() {
        return new JsonReply(204, null, null, Map.of());
    }

    /** 304 to a conditional GET: no body, only the tag the client already holds (RFC 7232 §4.1). */
    public static JsonReply notModified(String etag) {
        return new JsonReply(304, null, null, Map.of("ETag", etag));
    }

    public JsonReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new JsonReply(status, body, mediaType, Map.copyOf(more));
    }
}
