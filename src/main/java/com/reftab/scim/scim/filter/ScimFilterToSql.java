package com.reftab.scim.scim.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.reftab.scim.scim.ScimException;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;

/**
 * Translates a SCIM filter (RFC 7644 §3.4.2.2, parsed by the UnboundID SCIM 2 SDK) into a SQL
 * condition with bound parameters over indexed columns. Values never enter the SQL text. What the
 * translation does not cover is refused with 400 invalidFilter rather than answered with a wrong list.
 */
public final class ScimFilterToSql {

    /** A filterable attribute: its SQL expression and how its values compare. */
    public record Column(String sql, Kind kind) {
        public enum Kind { CASE_IGNORED_STRING, CASE_EXACT_STRING, BOOLEAN }
    }

    /** A filterable sub-attribute kept in a child table, tested with EXISTS. */
    public record ChildColumn(String table, String joinCondition, Column column, Map<String, Column> siblings) {
    }

    public record SqlCondition(String sql, List<Object> parameters) {
    }

    private final Map<String, Column> columns;
    private final Map<String, ChildColumn> children;

    /**
     * @param columns  attribute path (lower case, dotted) to column
     * @param children multi-valued attribute name (lower case) to the child table holding its values
     */
    public ScimFilterToSql(Map<String, Column> columns, Map<String, ChildColumn> children) {
        this.columns = columns;
        this.children = children;
    }

    public SqlCondition translate(String filter) {
        Filter parsed = parse(filter);
        List<Object> parameters = new ArrayList<>();
        String sql = condition(parsed, parameters);
        return new SqlCondition(sql, List.copyOf(parameters));
    }

    /**
     * Entra ID looks users up with {@code emails[type eq "work"].value eq "x"}, which the RFC grammar
     * does not allow; it means {@code emails[type eq "work" and value eq "x"]} and is read so.
     */
    private static final Pattern ENTRA_VALUE_PATH =
            Pattern.compile("^\\s*(\\w+)\\[([^\\]]+)\\]\\.(\\w+)\\s+(eq)\\s+(\"(?:[^\"\\\\]|\\\\.)*\"|true|false|null|-?\\d+(?:\\.\\d+)?)\\s*$",
                    Pattern.CASE_INSENSITIVE);

    private static Filter parse(String filter) {
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

    private String condition(Filter filter, List<Object> parameters) {
        FilterType type = filter.getFilterType();
        switch (type) {
            case AND, OR -> {
                List<String> parts = new ArrayList<>();
                for (Filter part : ((com.unboundid.scim2.common.filters.CombiningFilter) filter).getCombinedFilters()) {
                    parts.add("(" + condition(part, parameters) + ")");
                }
                return String.join(type == FilterType.AND ? " and " : " or ", parts);
            }
            case NOT -> {
                return "not (" + condition(((com.unboundid.scim2.common.filters.NotFilter) filter).getInvertedFilter(), parameters) + ")";
            }
            case COMPLEX_VALUE -> {
                return complexValue((ComplexValueFilter) filter, parameters);
            }
            case EQUAL -> {
                return equality(filter.getAttributePath(), filter.getComparisonValue(), parameters);
            }
            default -> throw ScimException.invalidFilter(
                    "The operator '" + type.getStringValue() + "' is not supported in filters yet; use 'eq', 'and', 'or', 'not'.");
        }
    }

    private String equality(Path path, ValueNode value, List<Object> parameters) {
        String name = pathName(path);
        Column column = columns.get(name);
        if (column != null) {
            return compare(column, name, value, parameters);
        }
        String[] parts = name.split("\\.", 2);
        ChildColumn child = children.get(parts[0]);
        if (child != null && (parts.length == 1 || parts[1].equals("value"))) {
            return "exists (select 1 from " + child.table() + " c where " + child.joinCondition() + " and "
                    + compare(child.column(), name, value, parameters) + ")";
        }
        throw unknown(name);
    }

    private String complexValue(ComplexValueFilter filter, List<Object> parameters) {
        String name = pathName(filter.getAttributePath());
        ChildColumn child = children.get(name);
        if (child == null) {
            throw unknown(name);
        }
        return "exists (select 1 from " + child.table() + " c where " + child.joinCondition() + " and "
                + childCondition(child, filter.getValueFilter(), parameters) + ")";
    }

    private String childCondition(ChildColumn child, Filter filter, List<Object> parameters) {
        FilterType type = filter.getFilterType();
        if (type == FilterType.AND || type == FilterType.OR) {
            List<String> parts = new ArrayList<>();
            for (Filter part : ((com.unboundid.scim2.common.filters.CombiningFilter) filter).getCombinedFilters()) {
                parts.add("(" + childCondition(child, part, parameters) + ")");
            }
            return String.join(type == FilterType.AND ? " and " : " or ", parts);
        }
        if (type != FilterType.EQUAL) {
            throw ScimException.invalidFilter("Only 'eq', 'and' and 'or' are supported inside a value filter yet.");
        }
        String name = pathName(filter.getAttributePath());
        Column column = name.equals("value") ? child.column() : child.siblings().get(name);
        if (column == null) {
            throw unknown(name);
        }
        return compare(column, name, filter.getComparisonValue(), parameters);
    }

    private static String compare(Column column, String name, ValueNode value, List<Object> parameters) {
        if (value == null || value.isNull()) {
            return column.sql() + " is null";
        }
        switch (column.kind()) {
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw ScimException.invalidFilter("'" + name + "' compares with true or false.");
                }
                parameters.add(value.booleanValue());
            }
            case CASE_IGNORED_STRING -> {
                if (!value.isTextual()) {
                    throw ScimException.invalidFilter("'" + name + "' compares with a string.");
                }
                parameters.add(value.textValue().toLowerCase(Locale.ROOT));
            }
            case CASE_EXACT_STRING -> {
                if (!value.isTextual()) {
                    throw ScimException.invalidFilter("'" + name + "' compares with a string.");
                }
                parameters.add(value.textValue());
            }
        }
        return column.sql() + " = ?";
    }

    private static String pathName(Path path) {
        StringBuilder name = new StringBuilder();
        for (Path.Element element : path) {
            if (element.getValueFilter() != null) {
                throw ScimException.invalidFilter("Nested value filters are not supported: " + path);
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(element.getAttribute().toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private static ScimException unknown(String name) {
        return ScimException.invalidFilter("Filtering on '" + name + "' is not supported.");
    }
}
