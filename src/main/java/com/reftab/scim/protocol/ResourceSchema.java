package com.reftab.scim.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.Attribute.Mutability;
import com.reftab.scim.protocol.Attribute.Type;

/**
 * A resource type's schema with its one extension. It turns what a client sent into the stored
 * form: attribute names in schema case (SCIM names are case-insensitive), values of the right type
 * (Entra's "True"/"False" strings become booleans), read-only and write-only attributes dropped,
 * unknown attributes ignored, required ones checked. The descriptions are what /Schemas says of
 * the core schema and of the extension (RFC 7643 §7).
 */
public record ResourceSchema(String coreUrn, String coreDescription, List<Attribute> core,
                             String extensionUrn, String extensionDescription, List<Attribute> extension) {

    /** A schema described by the last part of its URN: {@code ...:core:2.0:User} is "User". */
    public ResourceSchema(String coreUrn, List<Attribute> core, String extensionUrn, List<Attribute> extension) {
        this(coreUrn, lastPart(coreUrn), core, extensionUrn, extensionUrn == null ? null : lastPart(extensionUrn), extension);
    }

    private static String lastPart(String urn) {
        return urn.substring(urn.lastIndexOf(':') + 1);
    }

    /**
     * The longest string, in UTF-16 units: the width of every text column a value is stored in,
     * raw or as its {@linkplain #caseInsensitiveKey key}.
     */
    public static final int MAX_STRING = 512;
    public static final int MAX_BINARY = 65_536;

    /**
     * The form a string is compared and indexed in where letter case does not count (userName,
     * a group's displayName, the value rows filters read). Lower-casing can lengthen a string
     * (U+0130 {@code İ} becomes {@code i} and U+0307), so the key is bounded as well as the value.
     */
    public static String caseInsensitiveKey(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    /**
     * The form a binary value (base64, up to {@link #MAX_BINARY}) is matched in: its SHA-256, so
     * {@code x509Certificates.value eq "..."} is answered from a bounded, indexed column.
     */
    public static String binaryKey(String base64) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(base64.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    public Attribute attribute(String name) {
        return find(core, name);
    }

    public Attribute extensionAttribute(String name) {
        return find(extension, name);
    }

    private static Attribute find(List<Attribute> attributes, String name) {
        for (Attribute attribute : attributes) {
            if (attribute.name().equalsIgnoreCase(name)) {
                return attribute;
            }
        }
        return null;
    }

    public ObjectNode canonicalize(ObjectNode input) {
        checkSchemas(input.get("schemas"));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (extensionUrn != null && name.equalsIgnoreCase(extensionUrn)) {
                JsonNode value = field.getValue();
                if (value.isNull()) {
                    continue;
                }
                if (!value.isObject()) {
                    throw ScimException.invalidValue(extensionUrn + " must be an object.");
                }
                ObjectNode ext = canonicalizeAttributes((ObjectNode) value, extension, "");
                if (!ext.isEmpty()) {
                    out.set(extensionUrn, ext);
                }
                continue;
            }
            Attribute attribute = attribute(name);
            if (attribute == null || !isStored(attribute) || field.getValue().isNull()) {
                continue;
            }
            JsonNode value = canonicalValue(attribute, field.getValue(), attribute.name());
            if (value != null) {
                out.set(attribute.name(), value);
            }
        }
        for (Attribute attribute : core) {
            if (attribute.required()) {
                JsonNode value = out.get(attribute.name());
                if (value == null || (value.isTextual() && value.asText().isBlank())) {
                    throw ScimException.invalidValue("The attribute '" + attribute.name() + "' is required.");
                }
            }
        }
        return out;
    }

    private void checkSchemas(JsonNode schemas) {
        if (schemas == null || schemas.isNull()) {
            return;
        }
        if (!schemas.isArray()) {
            throw ScimException.invalidValue("'schemas' must be an array of schema URIs.");
        }
        boolean core = false;
        for (JsonNode schema : schemas) {
            if (!schema.isTextual()) {
                throw ScimException.invalidValue("'schemas' must be an array of schema URIs.");
            }
            core |= schema.asText().equalsIgnoreCase(coreUrn);
        }
        if (!core) {
            throw ScimException.invalidValue("'schemas' must contain " + coreUrn + ".");
        }
    }

    private static boolean isStored(Attribute attribute) {
        return attribute.mutability() != Mutability.READ_ONLY && attribute.mutability() != Mutability.WRITE_ONLY;
    }

    private static ObjectNode canonicalizeAttributes(ObjectNode input, List<Attribute> attributes, String prefix) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            Attribute attribute = find(attributes, field.getKey());
            if (attribute == null || !isStored(attribute) || field.getValue().isNull()) {
                continue;
            }
            JsonNode value = canonicalValue(attribute, field.getValue(), prefix + attribute.name());
            if (value != null) {
                out.set(attribute.name(), value);
            }
        }
        return out;
    }

    private static JsonNode canonicalValue(Attribute attribute, JsonNode value, String path) {
        if (!attribute.multiValued()) {
            return singleValue(attribute, value, path);
        }
        if (!value.isArray()) {
            throw ScimException.invalidValue("'" + path + "' must be an array.");
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode element : value) {
            if (element.isNull()) {
                continue;
            }
            JsonNode canonical = singleValue(attribute, element, path);
            if (canonical != null && !withoutItsValue(attribute, canonical)) {
                out.add(canonical);
            }
        }
        keepOnePrimary(out);
        return out.isEmpty() ? null : out;
    }

    /**
     * An email, phone number or other entry whose {@code value} is gone says nothing: Entra clears the
     * work email with {@code Replace emails[type eq "work"].value ""} (or null), meaning there is no
     * work email any more, not one with an empty address.
     */
    private static boolean withoutItsValue(Attribute attribute, JsonNode element) {
        return attribute.type() == Type.COMPLEX && attribute.subAttribute("value") != null
                && element.path("value").asText("").isEmpty();
    }

    /**
     * At most one value may be primary (RFC 7643 §2.4). When several are, the last one wins: a value
     * added with {@code primary: true} (PATCH appends) takes the mark from the one before.
     */
    private static void keepOnePrimary(ArrayNode values) {
        boolean seen = false;
        for (int i = values.size() - 1; i >= 0; i--) {
            if (values.get(i) instanceof ObjectNode value && value.path("primary").asBoolean(false)) {
                if (seen) {
                    value.put("primary", false);
                }
                seen = true;
            }
        }
    }

    private static JsonNode singleValue(Attribute attribute, JsonNode value, String path) {
        Type type = attribute.type();
        switch (type) {
            case COMPLEX -> {
                if (value.isTextual() && attribute.subAttribute("value") != null) {
                    // Entra sends the enterprise manager as a bare id: {"manager": "2819c223"}.
                    return value.asText().isEmpty() ? null : JsonNodeFactory.instance.objectNode().put("value", value.asText());
                }
                if (!value.isObject()) {
                    throw ScimException.invalidValue("'" + path + "' must be an object.");
                }
                ObjectNode out = canonicalizeAttributes((ObjectNode) value, attribute.subAttributes(), path + ".");
                // Entra removes a manager by replacing it with {"value": ""}.
                boolean emptyReference = !attribute.multiValued() && out.size() == 1 && "".equals(out.path("value").asText(null));
                return out.isEmpty() || emptyReference ? null : out;
            }
            case BOOLEAN -> {
                if (value.isBoolean()) {
                    return value;
                }
                if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
                    return BooleanNode.valueOf(Boolean.parseBoolean(value.asText().toLowerCase()));
                }
                throw ScimException.invalidValue("'" + path + "' must be a boolean.");
            }
            case INTEGER, DECIMAL -> {
                if (!value.isNumber()) {
                    throw ScimException.invalidValue("'" + path + "' must be a number.");
                }
                return value;
            }
            default -> {
                if (!value.isTextual()) {
                    throw ScimException.invalidValue("'" + path + "' must be a string.");
                }
                int max = type == Type.BINARY ? MAX_BINARY : MAX_STRING;
                if (value.asText().length() > max) {
                    throw ScimException.invalidValue("'" + path + "' is longer than " + max + " characters.");
                }
                if (type != Type.BINARY && caseInsensitiveKey(value.asText()).length() > MAX_STRING) {
                    throw ScimException.invalidValue("'" + path + "' is longer than " + MAX_STRING
                            + " characters once lower-cased for matching in any letter case (some letters, such as"
                            + " U+0130, lower-case to two characters).");
                }
                return value;
            }
        }
    }
}
