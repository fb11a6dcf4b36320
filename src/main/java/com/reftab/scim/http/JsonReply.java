package com.reftab.scim.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.StreamedJson;

/**
 * What an endpoint answers: status, optional JSON body (or a streamed one, made while it is sent),
 * media type and extra headers.
 */
public record JsonReply(int status, JsonNode body, StreamedJson streamed, String mediaType, Map<String, String> headers) {

    public static final String SCIM_JSON = "application/scim+json;charset=UTF-8";
    public static final String JSON = "application/json;charset=UTF-8";

    public static JsonReply scim(int status, JsonNode body) {
        return new JsonReply(status, body, null, SCIM_JSON, Map.of());
    }

    public static JsonReply json(int status, JsonNode body) {
        return new JsonReply(status, body, null, JSON, Map.of());
    }

    /** 200 with a JSON object that holds one list under its name: {@code {"tokens": [...]}}. */
    public static JsonReply jsonList(String name, List<? extends JsonNode> items) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray(name).addAll(items);
        return json(200, body);
    }

    /** A SCIM answer written as it is made: a page of resources read from the store chunk by chunk. */
    public static JsonReply scimStreamed(int status, StreamedJson body) {
        return new JsonReply(status, null, body, SCIM_JSON, Map.of());
    }

    public static JsonReply noContent() {
        return new JsonReply(204, null, null, null, Map.of());
    }

    /** 304 to a conditional GET: no body, only the tag the client already holds (RFC 7232 §4.1). */
    public static JsonReply notModified(String etag) {
        return new JsonReply(304, null, null, null, Map.of("ETag", etag));
    }

    public JsonReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new JsonReply(status, body, streamed, mediaType, Map.copyOf(more));
    }
}
