package com.reftab.scim.directory;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.reftab.scim.protocol.Attribute;
import com.reftab.scim.protocol.ResourceSchema;
import com.reftab.scim.protocol.ScimException;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.CombiningFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.filters.NotFilter;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.protocol.filter.ValueFilterBrackets;

/**
 * Translates a SCIM filter (RFC 7644 §3.4.2.2, parsed by the UnboundID SCIM 2 SDK) into a SQL
 * condition with bound parameters, and {@code sortBy} into an ORDER BY. Attributes kept in columns
 * of the resource table are compared there (Okta's {@code userName eq} hits an index); every other
 * attribute of the schema is found in the resource's value rows (one row per simple value, with
 * the position of its element for multi-valued attributes, so value filters such as
 * {@code emails[type eq "work" and value co "@example.com"]} correlate within one element) or in a
 * child table (group members). Values never enter the SQL text.
 *
 * <p>Semantics, shared with the in-memory evaluator the tests compare against: a comparison holds
 * when some value of the attribute satisfies it; {@code ne} is the negation of {@code eq} (so it
 * holds when the attribute is absent); {@code pr} needs a non-empty value; strings compare without
 * regard to case unless the schema says {@code caseExact}; {@code and} binds tighter than {@code or}.
 */
public final class ScimFilterToSql {

    /** {@code REFERENCE}: the column holds the id of the resource a {@code $ref} URI names. */
    public enum ValueType { STRING, BOOLEAN, DATE_TIME, REFERENCE }

    /**
     * An attribute kept in a column; {@code sql} uses {@code %s} (or {@code %1$s}, more than once) for
     * the table alias where it is a child row. A {@code REFERENCE} column names its {@code endpoint}
     * ({@code Users}, {@code Groups}).
     */
    public record Column(String sql, ValueType type, boolean caseExact, String endpoint) {
        public Column(String sql, ValueType type, boolean caseExact) {
            this(sql, type, caseExact, null);
        }

        public static Column text(String sql, boolean caseExact) {
            return new Column(sql, ValueType.STRING, caseExact);
        }

        /** A {@code $ref} derived from an id column: {@code .../<endpoint>/<id>} finds the resource with that id. */
        public static Column reference(String idSql, String endpoint) {
            return new Column(idSql, ValueType.REFERENCE, true, endpoint);
        }
    }

    /** The value rows of a resource: one row per simple value ({@code attribute}, {@code position}, values). */
    public record ValueRows(String table, String ownerJoin) {
    }

    /** A multi-valued attribute kept as rows of a child table, its sub-attributes as columns. */
    public record ChildRows(String table, String ownerJoin, Map<String, Column> subAttributes) {
    }

    public record SqlCondition(String sql, List<Object> parameters) {
    }

    public record SqlOrder(String sql, List<Object> parameters) {
    }

    /**
     * Entra ID looks users up with {@code emails[type eq "work"].value eq "x"}, which the RFC grammar
     * does not allow; it means {@code emails[type eq "work" and value eq "x"]} and is read so.
     */
    private static final Pattern ENTRA_VALUE_PATH = Pattern.compile(
            "^\\s*(\\w+)\\[([^\\]]+)\\]\\.(\\w+)\\s+(eq)\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|true|false|null|-?\\d+(?:\\.\\d+)?)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private final String alias;
    private final ResourceSchema schema;
    private final Map<String, Column> columns;
    private final ValueRows valueRows;
    private final Map<String, ChildRows> childRows;

    /**
     * @param alias     the alias of the resource table in the query ({@code u}, {@code g})
     * @param columns   attribute path (lower case, dotted, {@code meta.created} included) to its column
     * @param valueRows where the other attributes' values are, or null when there are none
     * @param childRows multi-valued attributes (lower case) kept in child tables
     */
    public ScimFilterToSql(String alias, ResourceSchema schema, Map<String, Column> columns, ValueRows valueRows,
                           Map<String, ChildRows> childRows) {
        this.alias = alias;
        this.schema = schema;
        this.columns = columns;
        this.valueRows = valueRows;
        this.childRows = childRows;
    }

    /**
     * Whether a filter or sort reads the value rows of this attribute (lower case, dotted, as
     * {@link AttributeValues} names it): not when a column stands for it.
     */
    public boolean readsValueRowsOf(String attribute) {
        return valueRows != null && !columns.containsKey(attribute);
    }

    /** Within the service's default {@link FilterLimits}. */
    public SqlCondition translate(String filter) {
        return translate(filter, FilterLimits.DEFAULTS);
    }

    /** The filter as SQL, once it is known to be within the limits (400 invalidFilter if not). */
    public SqlCondition translate(String filter, FilterLimits limits) {
        limits.requireLength(filter);
        Filter parsed = limits.requireDepth(parse(filter));
        Translation translation = new Translation();
        String sql = translation.condition(parsed);
        return new SqlCondition(sql, List.copyOf(translation.parameters));
    }

    /** {@code sortBy} and {@code sortOrder} (RFC 7644 §3.4.2.3); missing values sort last either way. */
    public SqlOrder order(String sortBy, String sortOrder) {
        String direction = sortOrder == null || sortOrder.isBlank() || sortOrder.equalsIgnoreCase("ascending") ? "asc"
                : sortOrder.equalsIgnoreCase("descending") ? "desc" : null;
        if (direction == null) {
            throw ScimException.invalidValue("'sortOrder' is ascending or descending.");
        }
        Path path;
        try {
            path = Path.fromString(sortBy);
        } catch (BadRequestException | RuntimeException e) {
            throw ScimException.invalidValue("'sortBy' is not an attribute path: " + sortBy);
        }
        Target target;
        try {
            target = resolve(path);
        } catch (ScimException e) {
            throw ScimException.invalidValue("'sortBy' names no sortable attribute: " + sortBy);
        }
        Translation translation = new Translation();
        String expression = translation.sortExpression(target, sortBy);
        return new SqlOrder(expression + " " + direction + " nulls last", List.copyOf(translation.parameters));
    }

    private static Filter parse(String filter) {
        if (!ValueFilterBrackets.closed(filter)) {
            throw ScimException.invalidFilter("A value filter's '[' is not closed by ']' (or a ']' has no '['): " + filter);
        }
        try {
            return Filter.fromString(filter);
        } catch (BadRequestException | RuntimeException e) {
            Matcher entra = ENTRA_VALUE_PATH.matcher(filter);
            if (entra.matches()) {
                return parse(entra.group(1) + "[(" + entra.group(2) + ") and " + entra.group(3) + " eq " + entra.group(5) + "]");
            }
            throw ScimException.invalidFilter("The filter is not valid SCIM filter syntax: " + filter);
        }
    }

    /** What an attribute path names: a column, a value-row attribute, or a child-table attribute. */
    private record Target(String name, Column column, String valueKey, Attribute attribute, boolean marker,
                          ChildRows child, Column childColumn) {
    }

    private Target resolve(Path path) {
        boolean extension = path.getSchemaUrn() != null && schema.extensionUrn() != null
                && path.getSchemaUrn().equalsIgnoreCase(schema.extensionUrn());
        if (path.getSchemaUrn() != null && !extension && !path.getSchemaUrn().equalsIgnoreCase(schema.coreUrn())) {
            throw unknown(path.toString());
        }
        if (path.size() == 0 || path.size() > 2) {
            throw unknown(path.toString());
        }
        for (Path.Element element : path) {
            if (element.getValueFilter() != null) {
                throw ScimException.invalidFilter("A value filter cannot stand here: " + path);
            }
        }
        String first = path.getElement(0).getAttribute().toLowerCase(Locale.ROOT);
        String sub = path.size() == 2 ? path.getElement(1).getAttribute().toLowerCase(Locale.ROOT) : null;
        String name = sub == null ? first : first + "." + sub;
        if (!extension && columns.containsKey(name)) {
            return new Target(name, columns.get(name), null, null, false, null, null);
        }
        ChildRows child = extension ? null : childRows.get(first);
        if (child != null) {
            String subName = sub == null ? "value" : sub;
            Column column = child.subAttributes().get(subName);
            if (column == null) {
                throw unknown(name);
            }
            return new Target(name, null, null, null, false, child, column);
        }
        Attribute attribute = extension ? schema.extensionAttribute(first) : schema.attribute(first);
        if (attribute == null || valueRows == null || attribute.mutability() == Attribute.Mutability.WRITE_ONLY) {
            throw unknown(name);
        }
        String prefix = extension ? schema.extensionUrn().toLowerCase(Locale.ROOT) + ":" : "";
        String key = prefix + attribute.name().toLowerCase(Locale.ROOT);
        if (sub != null) {
            Attribute leaf = attribute.subAttribute(sub);
            if (leaf == null) {
                throw unknown(name);
            }
            return new Target(name, null, key + "." + leaf.name().toLowerCase(Locale.ROOT), leaf, false, null, null);
        }
        if (attribute.type() == Attribute.Type.COMPLEX) {
            return new Target(name, null, key, attribute, true, null, null);
        }
        return new Target(name, null, key, attribute, false, null, null);
    }

    private final class Translation {

        private final List<Object> parameters = new ArrayList<>();
        private int aliases;

        private String nextAlias() {
            return "v" + (++aliases);
        }

        String condition(Filter filter) {
            FilterType type = filter.getFilterType();
            switch (type) {
                case AND, OR -> {
                    List<String> parts = new ArrayList<>();
                    for (Filter part : ((CombiningFilter) filter).getCombinedFilters()) {
                        parts.add("(" + condition(part) + ")");
                    }
                    return String.join(type == FilterType.AND ? " and " : " or ", parts);
                }
                case NOT -> {
                    return "not (" + condition(((NotFilter) filter).getInvertedFilter()) + ")";
                }
                case COMPLEX_VALUE -> {
                    return valueFilter((ComplexValueFilter) filter);
                }
                default -> {
                    return comparison(resolve(filter.getAttributePath()), type, filter.getComparisonValue(), null);
                }
            }
        }

        /** A comparison on the resource, or (with {@code element}) on one element of a value filter. */
        private String comparison(Target target, FilterType type, ValueNode value, String element) {
            if (type == FilterType.NOT_EQUAL) {
                return "not (" + comparison(target, FilterType.EQUAL, value, element) + ")";
            }
            if (target.column() != null) {
                return columnComparison(target.column(), alias, target.name(), type, value);
            }
            if (target.child() != null) {
                if (element != null) {
                    return columnComparison(target.childColumn(), element, target.name(), type, value);
                }
                String c = nextAlias();
                String condition = type == FilterType.PRESENT && target.name().indexOf('.') < 0 ? "1 = 1"
                        : columnComparison(target.childColumn(), c, target.name(), type, value);
                return "exists (select 1 from " + target.child().table() + " " + c + " where "
                        + String.format(target.child().ownerJoin(), c, c) + " and " + condition + ")";
            }
            Attribute attribute = target.attribute();
            if (target.marker()) {
                if (type == FilterType.PRESENT) {
                    return rowExists(target.valueKey(), "1 = 1", element);
                }
                Attribute valueSub = attribute.subAttribute("value");
                if (valueSub == null) {
                    throw ScimException.invalidFilter("Compare a sub-attribute of '" + target.name() + "'.");
                }
                return rowComparison(target.valueKey() + ".value", valueSub, target.name(), type, value, element);
            }
            return rowComparison(target.valueKey(), attribute, target.name(), type, value, element);
        }

        private String rowComparison(String key, Attribute attribute, String name, FilterType type, ValueNode value,
                                     String element) {
            String v = "%s";
            String condition = switch (attribute.type()) {
                case BOOLEAN -> booleanCondition(v + ".boolean_value", name, type, value);
                case STRING, REFERENCE -> textCondition(attribute.caseExact() ? v + ".text_value" : v + ".text_key",
                        attribute.caseExact(), name, type, value);
                case BINARY -> binaryCondition(v + ".text_value", name, type, value);
                default -> throw ScimException.invalidFilter("'" + name + "' cannot be filtered on.");
            };
            return rowExists(key, condition, element);
        }

        private String rowExists(String key, String condition, String element) {
            String v = nextAlias();
            String join = element == null ? String.format(valueRows.ownerJoin(), v, v)
                    : v + ".tenant_id = " + element + ".tenant_id and " + v + ".resource_id = " + element
                    + ".resource_id and " + v + ".position = " + element + ".position";
            int attributeParameter = parameters.size() - countPlaceholders(condition);
            parameters.add(attributeParameter, key);
            return "exists (select 1 from " + valueRows.table() + " " + v + " where " + join + " and "
                    + v + ".attribute = ? and " + condition.replace("%s", v) + ")";
        }

        private String valueFilter(ComplexValueFilter filter) {
            Target target = resolve(filter.getAttributePath());
            if (target.child() != null && target.name().indexOf('.') < 0) {
                String c = nextAlias();
                return "exists (select 1 from " + target.child().table() + " " + c + " where "
                        + String.format(target.child().ownerJoin(), c, c) + " and (" + inner(filter.getValueFilter(), target, c) + "))";
            }
            if (target.column() != null || !target.marker()) {
                throw ScimException.invalidFilter("A value filter needs a complex attribute: " + filter.getAttributePath());
            }
            String e = nextAlias();
            parameters.add(target.valueKey());
            String join = String.format(valueRows.ownerJoin(), e, e);
            return "exists (select 1 from " + valueRows.table() + " " + e + " where " + join + " and " + e
                    + ".attribute = ? and (" + inner(filter.getValueFilter(), target, e) + "))";
        }

        private String inner(Filter filter, Target parent, String element) {
            FilterType type = filter.getFilterType();
            switch (type) {
                case AND, OR -> {
                    List<String> parts = new ArrayList<>();
                    for (Filter part : ((CombiningFilter) filter).getCombinedFilters()) {
                        parts.add("(" + inner(part, parent, element) + ")");
                    }
                    return String.join(type == FilterType.AND ? " and " : " or ", parts);
                }
                case NOT -> {
                    return "not (" + inner(((NotFilter) filter).getInvertedFilter(), parent, element) + ")";
                }
                case COMPLEX_VALUE -> throw ScimException.invalidFilter("Value filters cannot be nested.");
                default -> {
                    Path path = filter.getAttributePath();
                    if (path.size() != 1 || path.getSchemaUrn() != null) {
                        throw unknown(parent.name() + "." + path);
                    }
                    String sub = path.getElement(0).getAttribute().toLowerCase(Locale.ROOT);
                    if (parent.child() != null) {
                        Column column = parent.child().subAttributes().get(sub);
                        if (column == null) {
                            throw unknown(parent.name() + "." + sub);
                        }
                        FilterType t = filter.getFilterType();
                        if (t == FilterType.NOT_EQUAL) {
                            return "not (" + columnComparison(column, element, parent.name() + "." + sub, FilterType.EQUAL,
                                    filter.getComparisonValue()) + ")";
                        }
                        return columnComparison(column, element, parent.name() + "." + sub, t, filter.getComparisonValue());
                    }
                    Attribute leaf = parent.attribute().subAttribute(sub);
                    if (leaf == null) {
                        throw unknown(parent.name() + "." + sub);
                    }
                    Target target = new Target(parent.name() + "." + sub, null,
                            parent.valueKey() + "." + leaf.name().toLowerCase(Locale.ROOT), leaf, false, null, null);
                    return comparison(target, filter.getFilterType(), filter.getComparisonValue(), element);
                }
            }
        }

        private String columnComparison(Column column, String tableAlias, String name, FilterType type, ValueNode value) {
            if (type == FilterType.NOT_EQUAL) {
                return "not (" + columnComparison(column, tableAlias, name, FilterType.EQUAL, value) + ")";
            }
            String sql = column.sql().contains("%s") || column.sql().contains("%1$s")
                    ? String.format(column.sql(), tableAlias) : column.sql();
            String condition = switch (column.type()) {
                case BOOLEAN -> booleanCondition(sql, name, type, value);
                case STRING -> textCondition(sql, column.caseExact(), name, type, value);
                case DATE_TIME -> dateCondition(sql, name, type, value);
                case REFERENCE -> referenceCondition(sql, column.endpoint(), name, type, value);
            };
            return "(" + sql + " is not null and " + condition + ")";
        }

        private String textCondition(String sql, boolean caseExact, String name, FilterType type, ValueNode value) {
            if (type == FilterType.PRESENT) {
                return sql + " <> ''";
            }
            if (value == null || !value.isTextual()) {
                throw ScimException.invalidFilter("'" + name + "' compares with a string.");
            }
            if (value.textValue().indexOf('\u0000') >= 0) {
                throw ScimException.invalidFilter("A filter value cannot contain U+0000: no stored value holds it.");
            }
            String text = caseExact ? value.textValue() : ResourceSchema.caseInsensitiveKey(value.textValue());
            switch (type) {
                case EQUAL -> parameters.add(text);
                case CONTAINS -> parameters.add("%" + escapeLike(text) + "%");
                case STARTS_WITH -> parameters.add(escapeLike(text) + "%");
                case ENDS_WITH -> parameters.add("%" + escapeLike(text));
                case GREATER_THAN, GREATER_OR_EQUAL, LESS_THAN, LESS_OR_EQUAL -> parameters.add(text);
                default -> throw ScimException.invalidFilter("'" + type.getStringValue() + "' does not apply to '" + name + "'.");
            }
            return sql + switch (type) {
                case EQUAL -> " = ?";
                case CONTAINS, STARTS_WITH, ENDS_WITH -> " like ? escape '\\'";
                case GREATER_THAN -> " > ?";
                case GREATER_OR_EQUAL -> " >= ?";
                case LESS_THAN -> " < ?";
                default -> " <= ?";
            };
        }

        /**
         * A {@code $ref} the service derives from an id ({@code <base>/scim/v2/Groups/<id>}): the URI
         * names that resource when its last two segments are the endpoint and the id. The base URL
         * is not compared: it is how the client reached the service, not part of the resource.
         */
        private String referenceCondition(String sql, String endpoint, String name, FilterType type, ValueNode value) {
            if (type == FilterType.PRESENT) {
                return sql + " is not null";
            }
            if (type != FilterType.EQUAL) {
                throw ScimException.invalidFilter("'" + name + "' is a reference: use eq, ne or pr.");
            }
            if (value == null || !value.isTextual()) {
                throw ScimException.invalidFilter("'" + name + "' compares with a URI such as \".../" + endpoint + "/<id>\".");
            }
            String[] segments = value.textValue().split("/", -1);
            if (segments.length < 2 || !segments[segments.length - 2].equals(endpoint)) {
                return "1 = 0";
            }
            parameters.add(segments[segments.length - 1]);
            return sql + " = ?";
        }

        private String binaryCondition(String sql, String name, FilterType type, ValueNode value) {
            if (type == FilterType.PRESENT) {
                return sql + " <> ''";
            }
            if (type != FilterType.EQUAL) {
                throw ScimException.invalidFilter("'" + name + "' is binary: use eq, ne or pr (RFC 7644 §3.4.2.2).");
            }
            if (value == null || !value.isTextual()) {
                throw ScimException.invalidFilter("'" + name + "' compares with a base64 string.");
            }
            parameters.add(ResourceSchema.binaryKey(value.textValue()));
            return sql + " = ?";
        }

        private String booleanCondition(String sql, String name, FilterType type, ValueNode value) {
            if (type == FilterType.PRESENT) {
                return sql + " is not null";
            }
            if (type != FilterType.EQUAL) {
                throw ScimException.invalidFilter("'" + name + "' is a boolean: use eq, ne or pr.");
            }
            if (value == null || !value.isBoolean()) {
                throw ScimException.invalidFilter("'" + name + "' compares with true or false.");
            }
            parameters.add(value.booleanValue());
            return sql + " = ?";
        }

        private String dateCondition(String sql, String name, FilterType type, ValueNode value) {
            if (type == FilterType.PRESENT) {
                return sql + " is not null";
            }
            if (value == null || !value.isTextual()) {
                throw ScimException.invalidFilter("'" + name + "' compares with a date-time such as \"2026-01-01T00:00:00Z\".");
            }
            try {
                parameters.add(Timestamp.from(OffsetDateTime.parse(value.textValue()).toInstant()));
            } catch (DateTimeParseException e) {
                throw ScimException.invalidFilter("'" + value.textValue() + "' is not an RFC 3339 date-time.");
            }
            return sql + switch (type) {
                case EQUAL -> " = ?";
                case GREATER_THAN -> " > ?";
                case GREATER_OR_EQUAL -> " >= ?";
                case LESS_THAN -> " < ?";
                case LESS_OR_EQUAL -> " <= ?";
                default -> throw ScimException.invalidFilter("'" + type.getStringValue() + "' does not apply to '" + name + "'.");
            };
        }

        String sortExpression(Target target, String sortBy) {
            if (target.column() != null) {
                return target.column().sql();
            }
            if (target.child() != null) {
                throw ScimException.invalidValue("'" + sortBy + "' is not sortable.");
            }
            Attribute leaf = target.marker() ? target.attribute().subAttribute("value") : target.attribute();
            String key = target.marker() ? target.valueKey() + ".value" : target.valueKey();
            if (leaf == null) {
                throw ScimException.invalidValue("'" + sortBy + "' is not sortable.");
            }
            String v = nextAlias();
            String value = switch (leaf.type()) {
                case BOOLEAN -> "case when " + v + ".boolean_value then 1 else 0 end";
                case STRING, REFERENCE -> leaf.caseExact() ? v + ".text_value" : v + ".text_key";
                default -> throw ScimException.invalidValue("'" + sortBy + "' is not sortable.");
            };
            parameters.add(key);
            return "(select min(" + value + ") from " + valueRows.table() + " " + v + " where "
                    + String.format(valueRows.ownerJoin(), v, v) + " and " + v + ".attribute = ?)";
        }
    }

    private static int countPlaceholders(String sql) {
        int count = 0;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '?') {
                count++;
            }
        }
        return count;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static ScimException unknown(String name) {
        return ScimException.invalidFilter("Filtering on '" + name + "' is not supported: it is not an attribute of this resource.");
    }
}
