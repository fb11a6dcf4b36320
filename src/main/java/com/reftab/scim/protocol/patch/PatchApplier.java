package com.reftab.scim.protocol.patch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.Attribute;
import com.reftab.scim.protocol.ResourceSchema;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.patch.PatchOperation.Op;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.protocol.filter.ValueFilterBrackets;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.utils.FilterEvaluator;

/**
 * Applies a SCIM PatchOp (RFC 7644 §3.5.2) to a stored resource, in the dialects Okta and Entra ID
 * really send: op names in any case, path-less values whose keys may be dotted or URN-qualified
 * paths, value-filter paths such as {@code emails[type eq "work"].value}, and removes that carry the
 * values to remove. Read-only attributes in a path-less value (Okta sends the group {@code id}) are
 * ignored; a path naming a read-only or immutable attribute ({@code id}, {@code meta}, a User's
 * {@code groups}) is refused with 400 {@code mutability} (RFC 7644 §3.5.2), as a change that would
 * otherwise answer 200 and do nothing. A path that is the extension's URN patches the extension
 * with the value's sub-attributes. The result is canonicalised and validated by the caller, like a
 * PUT body.
 */
public final class PatchApplier {

    public static final String PATCH_OP = PatchOp.SCHEMA;
    private static final List<String> IGNORED = List.of("id", "meta", "schemas");
    /** Common attributes (RFC 7643 §3.1) the service sets: never changed by a request. */
    private static final List<String> SERVICE_SET = List.of("id", "meta");

    private final ResourceSchema schema;
    private final FilterLimits filterLimits;

    /** @param filterLimits bound the value filters of paths ({@code emails[type eq "work"]}) as list filters are bounded */
    public PatchApplier(ResourceSchema schema, FilterLimits filterLimits) {
        this.schema = schema;
        this.filterLimits = filterLimits;
    }

    /** Reads the PatchOp and applies it: for callers that hold the request as JSON. */
    public ObjectNode apply(ObjectNode resource, ObjectNode request) {
        return apply(resource, PatchOp.read(request).operations());
    }

    public ObjectNode apply(ObjectNode resource, List<PatchOperation> operations) {
        ObjectNode result = resource.deepCopy();
        for (PatchOperation operation : operations) {
            applyOperation(result, operation);
        }
        return result;
    }

    private void applyOperation(ObjectNode resource, PatchOperation operation) {
        Op op = operation.op();
        JsonNode value = operation.value() == null ? null : operation.value().deepCopy();
        if (operation.path() == null) {
            if (op == Op.REMOVE) {
                throw ScimException.badRequest("noTarget", "A remove operation needs a 'path'.");
            }
            if (value == null || !value.isObject()) {
                throw ScimException.invalidValue("An operation without 'path' needs an object 'value'.");
            }
            applyPathless(resource, op, (ObjectNode) value);
            return;
        }
        if (op != Op.REMOVE && (value == null || value.isMissingNode())) {
            throw ScimException.invalidValue("An " + op.name().toLowerCase(Locale.ROOT) + " operation needs a 'value'.");
        }
        String path = operation.path().trim();
        if (schema.extensionUrn() != null && path.equalsIgnoreCase(schema.extensionUrn())) {
            applyToExtension(resource, op, value);
            return;
        }
        if (path.equalsIgnoreCase(schema.coreUrn())) {
            if (op == Op.REMOVE || !value.isObject()) {
                throw ScimException.badRequest("invalidPath", "The path '" + path + "' names the whole resource: add or"
                        + " replace with an object 'value' of its attributes.");
            }
            applyPathless(resource, op, (ObjectNode) value);
            return;
        }
        applyPath(resource, op, parsePath(path), value, true);
    }

    /**
     * A path naming the extension itself (RFC 7644 §3.5.2 allows any attribute, and the extension is
     * one of the resource's): remove drops it, add and replace apply the value's sub-attributes.
     */
    private void applyToExtension(ObjectNode resource, Op op, JsonNode value) {
        if (op == Op.REMOVE) {
            resource.remove(schema.extensionUrn());
            return;
        }
        if (!value.isObject()) {
            throw ScimException.invalidValue("The value for the path '" + schema.extensionUrn() + "' must be an object.");
        }
        applyExtensionValue(resource, op, (ObjectNode) value);
    }

    private Path parsePath(String path) {
        return parsePath(path, filterLimits);
    }

    /** A path, its length and the nesting of each of its value filters within the bounds of a list filter. */
    static Path parsePath(String path, FilterLimits filterLimits) {
        filterLimits.requireLength(path);
        if (!ValueFilterBrackets.closed(path)) {
            throw ScimException.badRequest("invalidPath", "The path '" + path + "' has a value filter whose '[' is not"
                    + " closed by ']'.");
        }
        Path parsed;
        try {
            parsed = Path.fromString(path);
        } catch (BadRequestException | RuntimeException e) {
            throw ScimException.badRequest("invalidPath", "The path '" + path + "' is not a valid SCIM path.");
        }
        for (Path.Element element : parsed) {
            if (element.getValueFilter() != null) {
                filterLimits.requireDepth(element.getValueFilter());
            }
        }
        return parsed;
    }

    private void applyPathless(ObjectNode resource, Op op, ObjectNode value) {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (IGNORED.contains(key.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (schema.extensionUrn() != null && key.equalsIgnoreCase(schema.extensionUrn())) {
                if (!field.getValue().isObject()) {
                    throw ScimException.invalidValue(key + " must be an object.");
                }
                applyExtensionValue(resource, op, (ObjectNode) field.getValue());
                continue;
            }
            applyPath(resource, op, parsePath(key), field.getValue(), false);
        }
    }

    private void applyExtensionValue(ObjectNode resource, Op op, ObjectNode value) {
        for (Iterator<Map.Entry<String, JsonNode>> ext = value.fields(); ext.hasNext(); ) {
            Map.Entry<String, JsonNode> extField = ext.next();
            applyPath(resource, op, parsePath(schema.extensionUrn() + ":" + extField.getKey()), extField.getValue(), false);
        }
    }

    private void applyPath(ObjectNode resource, Op op, Path path, JsonNode value, boolean explicitPath) {
        boolean extension = path.getSchemaUrn() != null && path.getSchemaUrn().equalsIgnoreCase(schema.extensionUrn());
        if (path.getSchemaUrn() != null && !extension && !path.getSchemaUrn().equalsIgnoreCase(schema.coreUrn())) {
            // The whole path: which part of a URN is the schema and which the attribute is what is unknown.
            throw ScimException.badRequest("invalidPath", "Unknown schema in path: " + path + " (this resource has "
                    + schema.coreUrn() + (schema.extensionUrn() == null ? "" : " and " + schema.extensionUrn()) + ").");
        }
        if (path.size() == 0 || path.size() > 2) {
            throw ScimException.badRequest("invalidPath", "Unsupported path: " + path);
        }
        Path.Element first = path.getElement(0);
        String firstName = first.getAttribute().toLowerCase(Locale.ROOT);
        if (explicitPath && !extension && SERVICE_SET.contains(firstName)) {
            throw ScimException.mutability("'" + path + "' is read-only: the service sets it.");
        }
        if (IGNORED.contains(firstName) && path.size() == 1) {
            return;
        }
        Attribute attribute = extension ? schema.extensionAttribute(first.getAttribute()) : schema.attribute(first.getAttribute());
        if (attribute == null) {
            if (explicitPath) {
                throw ScimException.badRequest("invalidPath", "Unknown attribute in path: " + path);
            }
            return;
        }
        Attribute sub = null;
        if (path.size() == 2) {
            sub = attribute.subAttribute(path.getElement(1).getAttribute());
            if (sub == null || path.getElement(1).getValueFilter() != null) {
                throw ScimException.badRequest("invalidPath", "Unsupported path: " + path);
            }
        }
        if (explicitPath) {
            requireMutable(path, attribute, sub, extension ? extensionContainer(resource, Op.REMOVE) : resource);
        }
        ObjectNode container = extension ? extensionContainer(resource, op) : resource;
        if (container == null) {
            return;
        }
        String name = attribute.name();
        Filter filter = first.getValueFilter();
        if (filter != null) {
            if (!attribute.multiValued()) {
                throw ScimException.badRequest("invalidPath", "A value filter needs a multi-valued attribute: " + path);
            }
            applyFiltered(container, op, name, filter, sub, value);
        } else if (sub != null) {
            applySubAttribute(container, op, attribute, sub.name(), value);
        } else {
            applyAttribute(container, op, attribute, value);
        }
        if (extension && container.isEmpty()) {
            resource.remove(schema.extensionUrn());
        }
    }

    /**
     * RFC 7644 §3.5.2: a target that is read-only, or immutable and already set, is 400
     * {@code mutability}. (An immutable attribute may still be given its first value.)
     */
    private static void requireMutable(Path path, Attribute attribute, Attribute sub, ObjectNode container) {
        Attribute target = sub != null ? sub : attribute;
        if (attribute.mutability() == Attribute.Mutability.READ_ONLY || target.mutability() == Attribute.Mutability.READ_ONLY) {
            throw ScimException.mutability("'" + path + "' is read-only.");
        }
        boolean immutable = attribute.mutability() == Attribute.Mutability.IMMUTABLE
                || target.mutability() == Attribute.Mutability.IMMUTABLE;
        if (immutable && container != null && container.hasNonNull(attribute.name())) {
            throw ScimException.mutability("'" + path + "' is immutable: it cannot change once set.");
        }
    }

    private ObjectNode extensionContainer(ObjectNode resource, Op op) {
        JsonNode existing = resource.get(schema.extensionUrn());
        if (existing instanceof ObjectNode object) {
            return object;
        }
        return op == Op.REMOVE ? null : resource.putObject(schema.extensionUrn());
    }

    private static void applyAttribute(ObjectNode container, Op op, Attribute attribute, JsonNode value) {
        String name = attribute.name();
        switch (op) {
            case REMOVE -> {
                if (attribute.multiValued() && value != null && value.isArray() && container.get(name) instanceof ArrayNode existing) {
                    removeListed(existing, value);
                    if (existing.isEmpty()) {
                        container.remove(name);
                    }
                } else {
                    container.remove(name);
                }
            }
            case ADD -> {
                if (attribute.multiValued()) {
                    ArrayNode existing = container.get(name) instanceof ArrayNode array ? array : container.putArray(name);
                    for (JsonNode element : elements(attribute, value)) {
                        if (!contains(existing, element)) {
                            existing.add(element);
                        }
                    }
                } else {
                    setOrMerge(container, attribute, value);
                }
            }
            case REPLACE -> {
                if (attribute.multiValued()) {
                    container.set(name, elements(attribute, value));
                } else {
                    setOrMerge(container, attribute, value);
                }
            }
        }
    }

    /**
     * The elements a value gives a multi-valued attribute, in the form they are stored, so a later
     * operation of the same request ({@code emails.type}, {@code emails[type eq "work"]}) finds
     * objects: a bare string is the element's {@code value} (Okta and Entra send
     * {@code "value": "x@example.com"} for an email), as {@link ResourceSchema#canonicalize} reads it.
     */
    private static ArrayNode elements(Attribute attribute, JsonNode value) {
        ArrayNode elements = JsonNodeFactory.instance.arrayNode();
        for (JsonNode element : value.isArray() ? value : JsonNodeFactory.instance.arrayNode().add(value)) {
            if (element.isNull()) {
                continue;
            }
            if (attribute.type() != Attribute.Type.COMPLEX) {
                elements.add(element);
            } else if (element.isObject()) {
                elements.add(element);
            } else if (element.isTextual() && attribute.subAttribute("value") != null) {
                elements.addObject().set("value", element);
            } else {
                throw ScimException.invalidValue("'" + attribute.name() + "' holds objects, not " + element.getNodeType()
                        .name().toLowerCase(Locale.ROOT) + " values.");
            }
        }
        return elements;
    }

    /** A complex value merges into what is there (RFC 7644 §3.5.2.1 and §3.5.2.3); anything else is set. */
    private static void setOrMerge(ObjectNode container, Attribute attribute, JsonNode value) {
        if (attribute.type() == Attribute.Type.COMPLEX && !attribute.multiValued()
                && value.isObject() && container.get(attribute.name()) instanceof ObjectNode existing) {
            existing.setAll((ObjectNode) value);
        } else {
            container.set(attribute.name(), value);
        }
    }

    private static void applySubAttribute(ObjectNode container, Op op, Attribute attribute, String sub, JsonNode value) {
        JsonNode existing = container.get(attribute.name());
        if (attribute.multiValued()) {
            if (existing instanceof ArrayNode array) {
                for (JsonNode element : array) {
                    setSub((ObjectNode) element, op, sub, value);
                }
            }
            return;
        }
        if (existing instanceof ObjectNode object) {
            setSub(object, op, sub, value);
        } else if (op != Op.REMOVE) {
            container.putObject(attribute.name()).set(sub, value);
        }
    }

    private static void setSub(ObjectNode element, Op op, String sub, JsonNode value) {
        if (op == Op.REMOVE) {
            element.remove(sub);
        } else {
            element.set(sub, value);
        }
    }

    private static void applyFiltered(ObjectNode container, Op op, String name, Filter filter, Attribute sub, JsonNode value) {
        ArrayNode array = container.get(name) instanceof ArrayNode existing ? existing : null;
        List<Integer> matches = new ArrayList<>();
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                if (matches(filter, array.get(i))) {
                    matches.add(i);
                }
            }
        }
        if (op == Op.REMOVE) {
            for (int i = matches.size() - 1; i >= 0; i--) {
                int index = matches.get(i);
                if (sub == null) {
                    array.remove(index);
                } else {
                    ((ObjectNode) array.get(index)).remove(sub.name());
                }
            }
            if (array != null && array.isEmpty()) {
                container.remove(name);
            }
            return;
        }
        if (matches.isEmpty()) {
            ObjectNode created = newElementFromEquality(filter);
            if (sub != null) {
                created.set(sub.name(), value);
            } else if (value.isObject()) {
                created.setAll((ObjectNode) value);
            } else {
                throw ScimException.badRequest("noTarget", "No value matches the filter " + filter + ".");
            }
            (array != null ? array : container.putArray(name)).add(created);
            return;
        }
        for (int index : matches) {
            if (sub != null) {
                ((ObjectNode) array.get(index)).set(sub.name(), value);
            } else if (value.isObject()) {
                if (op == Op.REPLACE) {
                    array.set(index, value);
                } else {
                    ((ObjectNode) array.get(index)).setAll((ObjectNode) value);
                }
            } else {
                throw ScimException.invalidValue("The value for a filtered path must be an object.");
            }
        }
    }

    /** Entra sets {@code emails[type eq "work"].value} on a user with no work email: create that element. */
    private static ObjectNode newElementFromEquality(Filter filter) {
        if (filter.getFilterType() == FilterType.EQUAL && filter.getAttributePath().size() == 1
                && filter.getComparisonValue() != null) {
            ObjectNode created = JsonNodeFactory.instance.objectNode();
            created.set(filter.getAttributePath().getElement(0).getAttribute(), filter.getComparisonValue());
            return created;
        }
        throw ScimException.badRequest("noTarget", "No value matches the filter " + filter + ".");
    }

    private static boolean matches(Filter filter, JsonNode element) {
        try {
            return FilterEvaluator.evaluate(filter, element);
        } catch (com.unboundid.scim2.common.exceptions.ScimException e) {
            throw ScimException.invalidFilter("The filter " + filter + " cannot be applied: " + e.getMessage());
        }
    }

    private static void removeListed(ArrayNode existing, JsonNode listed) {
        for (JsonNode item : listed) {
            JsonNode wanted = item.isObject() ? item.get("value") : item;
            for (int i = existing.size() - 1; i >= 0; i--) {
                JsonNode element = existing.get(i);
                JsonNode actual = element.isObject() ? element.get("value") : element;
                if (sameValue(wanted, actual)) {
                    existing.remove(i);
                }
            }
        }
    }

    /** Multi-valued entries are the same when their {@code value} is (a member added twice is one member). */
    private static boolean contains(ArrayNode array, JsonNode element) {
        JsonNode key = element.isObject() && element.has("value") ? element.get("value") : element;
        for (JsonNode existing : array) {
            JsonNode existingKey = existing.isObject() && existing.has("value") ? existing.get("value") : existing;
            if (sameValue(existingKey, key)) {
                return true;
            }
        }
        return false;
    }

    /** Values of multi-valued attributes (emails, member ids) compare without regard to letter case. */
    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.isTextual() && b.isTextual()) {
            return a.asText().equalsIgnoreCase(b.asText());
        }
        return a.equals(b);
    }
}
