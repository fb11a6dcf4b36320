package com.reftab.scim.protocol;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final List<String> CORE_URNS =
            List.of(UserSchema.CORE.toLowerCase(Locale.ROOT), GroupSchema.CORE.toLowerCase(Locale.ROOT));
    private static final String EXTENSION = UserSchema.ENTERPRISE.toLowerCase(Locale.ROOT);

    public static AttributeSelection of(String attributes, String excludedAttributes) {
        return new AttributeSelection(names(attributes), names(excludedAttributes));
    }

    /** Lower-cased dotted names; a core URN prefix is dropped, an extension's becomes its top-level name. */
    private static Set<String> names(String list) {
        Set<String> names = new LinkedHashSet<>();
        if (list == null) {
            return names;
        }
        for (String part : list.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            for (String core : CORE_URNS) {
                if (name.startsWith(core + ":")) {
                    name = name.substring(core.length() + 1);
                }
            }
            if (name.startsWith(EXTENSION + ":")) {
                name = EXTENSION + "." + name.substring(EXTENSION.length() + 1);
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
