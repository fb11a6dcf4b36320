package com.reftab.scim.protocol;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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
        if (!(node instanceof ObjectNode object)) {
            throw ScimException.invalidSyntax("The request body must be a JSON object.");
        }
        refuseNul(object);
        return object;
    }

    /**
     * JSON may carry U+0000 in a string, but no stored text can hold it (PostgreSQL refuses it in
     * text): refused everywhere, so every database answers the same.
     */
    private static void refuseNul(JsonNode node) {
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            throw ScimException.invalidValue("Strings cannot contain the character U+0000.");
        }
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().indexOf('\u0000') >= 0) {
                    throw ScimException.invalidValue("Attribute names cannot contain the character U+0000.");
                }
                refuseNul(field.getValue());
            });
        } else if (node.isArray()) {
            node.forEach(ScimJson::refuseNul);
        }
    }

    /** A SCIM message's fields by lower-cased name (attribute names are case-insensitive, RFC 7643 §2.1). */
    public static Map<String, JsonNode> fieldsIgnoringCase(ObjectNode object) {
        Map<String, JsonNode> fields = new HashMap<>();
        object.properties().forEach(field -> {
            if (fields.put(field.getKey().toLowerCase(Locale.ROOT), field.getValue()) != null) {
                throw ScimException.invalidSyntax("'" + field.getKey() + "' appears more than once in the request.");
            }
        });
        return fields;
    }

    /** The named field of {@link #fieldsIgnoringCase}, or null when it is missing or JSON null. */
    public static JsonNode field(Map<String, JsonNode> fields, String name) {
        JsonNode value = fields.get(name.toLowerCase(Locale.ROOT));
        return value == null || value.isNull() ? null : value;
    }

    /** A message's {@code schemas}, when sent, must name its message schema (any letter case). */
    public static void requireSchema(JsonNode schemas, String urn) {
        if (schemas == null || schemas.isNull()) {
            return;
        }
        if (schemas.isArray()) {
            for (JsonNode schema : schemas) {
                if (schema.isTextual() && schema.asText().equalsIgnoreCase(urn)) {
                    return;
                }
            }
        }
        throw ScimException.invalidValue("'schemas' must be an array containing " + urn + ".");
    }
}
