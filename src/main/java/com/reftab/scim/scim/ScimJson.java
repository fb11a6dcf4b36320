package com.reftab.scim.scim;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Strict reading of request bodies: one JSON object, no duplicate keys, nothing trailing. */
public final class ScimJson {

    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ScimJson() {
    }

    public static ObjectNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw ScimException.invalidSyntax("The request body is empty; a JSON object is required.");
        }
        JsonNode node;
        try {
            node = READER.readTree(body);
        } catch (JsonParseException e) {
            throw ScimException.invalidSyntax("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ScimException.invalidSyntax("The request body is not valid JSON.");
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw ScimException.invalidSyntax("The request body must be a JSON object.");
    }
}
