package com.reftab.scim.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.Attribute;
import com.reftab.scim.protocol.ResourceSchema;

/**
 * The value rows of a resource: every simple value with its lower-cased attribute path and the
 * position of its element, as the filter translation expects them. A binary value is kept as its
 * {@linkplain ResourceSchema#binaryKey digest}, which filters compare with {@code eq} and {@code pr}.
 */
public final class AttributeValues {

    public record Row(String attribute, int position, String text, String key, Boolean bool) {
    }

    private AttributeValues() {
    }

    public static List<Row> of(ResourceSchema schema, ObjectNode resource) {
        List<Row> rows = new ArrayList<>();
        for (Attribute attribute : schema.core()) {
            add(rows, "", attribute, resource.get(attribute.name()));
        }
        if (schema.extensionUrn() != null && resource.get(schema.extensionUrn()) instanceof ObjectNode extension) {
            String prefix = schema.extensionUrn().toLowerCase(Locale.ROOT) + ":";
            for (Attribute attribute : schema.extension()) {
                add(rows, prefix, attribute, extension.get(attribute.name()));
            }
        }
        return rows;
    }

    private static void add(List<Row> rows, String prefix, Attribute attribute, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        String name = prefix + attribute.name().toLowerCase(Locale.ROOT);
        if (!attribute.multiValued()) {
            addValue(rows, name, 0, attribute, value);
            return;
        }
        for (int position = 0; position < value.size(); position++) {
            addValue(rows, name, position, attribute, value.get(position));
        }
    }

    private static void addValue(List<Row> rows, String name, int position, Attribute attribute, JsonNode value) {
        if (attribute.type() == Attribute.Type.COMPLEX) {
            rows.add(new Row(name, position, null, null, null));
            for (Attribute sub : attribute.subAttributes()) {
                JsonNode subValue = value.get(sub.name());
                if (subValue != null && !subValue.isNull()) {
                    addSimple(rows, name + "." + sub.name().toLowerCase(Locale.ROOT), position, sub, subValue);
                }
            }
            return;
        }
        addSimple(rows, name, position, attribute, value);
    }

    private static void addSimple(List<Row> rows, String name, int position, Attribute attribute, JsonNode value) {
        switch (attribute.type()) {
            case BOOLEAN -> rows.add(new Row(name, position, null, null, value.asBoolean()));
            case STRING, REFERENCE -> rows.add(new Row(name, position, value.asText(),
                    ResourceSchema.caseInsensitiveKey(value.asText()), null));
            case BINARY -> rows.add(new Row(name, position, ResourceSchema.binaryKey(value.asText()), null, null));
            default -> {
            }
        }
    }
}
