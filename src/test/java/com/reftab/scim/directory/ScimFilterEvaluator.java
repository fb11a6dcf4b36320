package com.reftab.scim.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import com.reftab.scim.protocol.Attribute;
import com.reftab.scim.protocol.ResourceSchema;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.CombiningFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.filters.NotFilter;

/**
 * The filter semantics ScimFilterToSql documents, evaluated in memory on one resource: the
 * reference the SQL translation is compared with. Some value must satisfy a comparison; ne is
 * not eq; pr needs a non-empty value; strings ignore case unless the schema says caseExact.
 */
final class ScimFilterEvaluator {

    private final ResourceSchema schema;

    ScimFilterEvaluator(ResourceSchema schema) {
        this.schema = schema;
    }

    boolean matches(Filter filter, ObjectNode resource) {
        FilterType type = filter.getFilterType();
        switch (type) {
            case AND:
                return ((CombiningFilter) filter).getCombinedFilters().stream().allMatch(f -> matches(f, resource));
            case OR:
                return ((CombiningFilter) filter).getCombinedFilters().stream().anyMatch(f -> matches(f, resource));
            case NOT:
                return !matches(((NotFilter) filter).getInvertedFilter(), resource);
            case COMPLEX_VALUE: {
                ComplexValueFilter valueFilter = (ComplexValueFilter) filter;
                Attribute attribute = attribute(valueFilter.getAttributePath());
                for (JsonNode element : elements(resource, valueFilter.getAttributePath(), attribute)) {
                    if (matchesElement(valueFilter.getValueFilter(), (ObjectNode) element, attribute)) {
                        return true;
                    }
                }
                return false;
            }
            default:
                return compare(filter, resource);
        }
    }

    private boolean matchesElement(Filter filter, ObjectNode element, Attribute parent) {
        FilterType type = filter.getFilterType();
        switch (type) {
            case AND:
                return ((CombiningFilter) filter).getCombinedFilters().stream().allMatch(f -> matchesElement(f, element, parent));
            case OR:
                return ((CombiningFilter) filter).getCombinedFilters().stream().anyMatch(f -> matchesElement(f, element, parent));
            case NOT:
                return !matchesElement(((NotFilter) filter).getInvertedFilter(), element, parent);
            default: {
                Attribute sub = parent.subAttribute(filter.getAttributePath().getElement(0).getAttribute());
                JsonNode value = element.get(sub.name());
                List<JsonNode> values = value == null || value.isNull() ? List.of() : List.of(value);
                return compareValues(type, values, sub, filter.getComparisonValue());
            }
        }
    }

    private boolean compare(Filter filter, ObjectNode resource) {
        Path path = filter.getAttributePath();
        Attribute attribute = attribute(path);
        List<JsonNode> values = new ArrayList<>();
        Attribute leaf = attribute;
        String subName = path.size() == 2 ? path.getElement(1).getAttribute() : null;
        if (attribute.type() == Attribute.Type.COMPLEX) {
            List<JsonNode> elements = elements(resource, path, attribute);
            if (subName == null && filter.getFilterType() == FilterType.PRESENT) {
                return !elements.isEmpty();
            }
            leaf = attribute.subAttribute(subName == null ? "value" : subName);
            for (JsonNode element : elements) {
                JsonNode value = element.get(leaf.name());
                if (value != null && !value.isNull()) {
                    values.add(value);
                }
            }
        } else {
            JsonNode value = container(resource, path).get(attribute.name());
            if (value != null && !value.isNull()) {
                values.add(value);
            }
        }
        return compareValues(filter.getFilterType(), values, leaf, filter.getComparisonValue());
    }

    private static boolean compareValues(FilterType type, List<JsonNode> values, Attribute leaf, ValueNode literal) {
        if (type == FilterType.NOT_EQUAL) {
            return !compareValues(FilterType.EQUAL, values, leaf, literal);
        }
        for (JsonNode value : values) {
            if (compareValue(type, value, leaf, literal)) {
                return true;
            }
        }
        return false;
    }

    private static boolean compareValue(FilterType type, JsonNode value, Attribute leaf, ValueNode literal) {
        if (leaf.type() == Attribute.Type.BOOLEAN) {
            return type == FilterType.PRESENT || value.asBoolean() == literal.asBoolean();
        }
        String actual = leaf.caseExact() ? value.asText() : value.asText().toLowerCase(Locale.ROOT);
        if (type == FilterType.PRESENT) {
            return !actual.isEmpty();
        }
        String expected = leaf.caseExact() ? literal.asText() : literal.asText().toLowerCase(Locale.ROOT);
        return switch (type) {
            case EQUAL -> actual.equals(expected);
            case CONTAINS -> actual.contains(expected);
            case STARTS_WITH -> actual.startsWith(expected);
            case ENDS_WITH -> actual.endsWith(expected);
            case GREATER_THAN -> actual.compareTo(expected) > 0;
            case GREATER_OR_EQUAL -> actual.compareTo(expected) >= 0;
            case LESS_THAN -> actual.compareTo(expected) < 0;
            case LESS_OR_EQUAL -> actual.compareTo(expected) <= 0;
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private Attribute attribute(Path path) {
        boolean extension = isExtension(path);
        String name = path.getElement(0).getAttribute();
        return extension ? schema.extensionAttribute(name) : schema.attribute(name);
    }

    private boolean isExtension(Path path) {
        return path.getSchemaUrn() != null && path.getSchemaUrn().equalsIgnoreCase(schema.extensionUrn());
    }

    private JsonNode container(ObjectNode resource, Path path) {
        if (isExtension(path)) {
            JsonNode extension = resource.get(schema.extensionUrn());
            return extension == null ? resource.objectNode() : extension;
        }
        return resource;
    }

    private List<JsonNode> elements(ObjectNode resource, Path path, Attribute attribute) {
        JsonNode value = container(resource, path).get(attribute.name());
        List<JsonNode> elements = new ArrayList<>();
        if (value == null || value.isNull()) {
            return elements;
        }
        if (attribute.multiValued()) {
            value.forEach(elements::add);
        } else {
            elements.add(value);
        }
        return elements;
    }
}
