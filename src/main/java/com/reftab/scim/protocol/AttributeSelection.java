package com.reftab.scim.protocol;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code attributes} and {@code excludedAttributes} query parameters (RFC 7644 §3.4.2.5):
 * which attributes a response carries. {@code id} and {@code schemas} are always returned.
 * Names are case-insensitive, may be sub-attributes ({@code name.givenName}) and may carry the
 * schema URN.
 */
public record AttributeSelection(Set<String> attributes, Set<String> excluded) {

    public static final AttributeSelection ALL = new AttributeSelection(Set.of(), Set.of());

    private static final Set<String> ALWAYS = Set.of("id", "schemas");

    /** A selection whose names may carry the URN of the User or the Group schema, or of the Enterprise User extension. */
    public static AttributeSelection of(String attributes, String excludedAttributes) {
        return of(attributes, excludedAttributes, List.of(UserSchema.SCHEMA, GroupSchema.SCHEMA));
    }

    /** A selection of one resource type's attributes: names may carry its schema's URN or its extension's. */
    public static AttributeSelection of(String attributes, String excludedAttributes, ResourceSchema schema) {
        return of(attributes, excludedAttributes, List.of(schema));
    }

    private static AttributeSelection of(String attributes, String excludedAttributes, List<ResourceSchema> schemas) {
        List<String> cores = schemas.stream().map(schema -> schema.coreUrn().toLowerCase(Locale.ROOT)).toList();
        List<String> extensions = schemas.stream().map(ResourceSchema::extensionUrn).filter(Objects::nonNull)
                .map(urn -> urn.toLowerCase(Locale.ROOT)).toList();
        return new AttributeSelection(names(attributes, cores, extensions), names(excludedAttributes, cores, extensions));
    }

    /** Lower-cased dotted names; a core URN prefix is dropped, an extension's becomes its top-level name. */
    private static Set<String> names(String list, List<String> cores, List<String> extensions) {
        Set<String> names = new LinkedHashSet<>();
        if (list == null) {
            return names;
        }
        for (String part : list.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            for (String core : cores) {
                if (name.startsWith(core + ":")) {
                    name = name.substring(core.length() + 1);
                }
            }
            for (String extension : extensions) {
                if (name.startsWith(extension + ":")) {
                    name = extension + "." + name.substring(extension.length() + 1);
                }
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** Whether the top-level attribute will be in the response (so costly ones need not be loaded). */
    public boolean includes(String attribute) {
        String name = attribute.toLowerCase(Locale.ROOT);
        if (ALWAYS.contains(name)) {
            return true;
        }
        if (!attributes.isEmpty()) {
            return attributes.stream().anyMatch(a -> a.equals(name) || a.startsWith(name + "."));
        }
        return !excluded.contains(name);
    }

    public boolean isAll() {
        return attributes.isEmpty() && excluded.isEmpty();
    }

    public ObjectNode apply(ObjectNode resource) {
        if (isAll()) {
            return resource;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey().toLowerCase(Locale.ROOT);
            if (ALWAYS.contains(name)) {
                continue;
            }
            if (!includes(name)) {
                it.remove();
                continue;
            }
            if (field.getValue() instanceof ObjectNode complex) {
                selectSubAttributes(name, complex);
            } else if (field.getValue() instanceof ArrayNode values) {
                values.forEach(value -> {
                    if (value instanceof ObjectNode complex) {
                        selectSubAttributes(name, complex);
                    }
                });
            }
        }
        return resource;
    }

    /**
     * Keeps of one value of the complex attribute {@code parent} (a group's member, say) the
     * sub-attributes asked for: for a value written on its own rather than through {@link #apply}.
     */
    public void selectSubAttributes(String parent, ObjectNode complex) {
        boolean wholeRequested = attributes.isEmpty() || attributes.contains(parent);
        for (Iterator<String> it = complex.fieldNames(); it.hasNext(); ) {
            String sub = parent + "." + it.next().toLowerCase(Locale.ROOT);
            if ((!wholeRequested && !attributes.contains(sub)) || excluded.contains(sub)) {
                it.remove();
            }
        }
    }
}
