package com.reftab.scim.protocol.patch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.patch.PatchOperation.Op;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.protocol.filter.ValueFilterBrackets;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;

/**
 * Splits a group PatchOp into membership operations, which the directory applies to member rows
 * in request order, and the remaining operations, on the group's own attributes.
 * Membership is never read into memory and written back, so concurrent pushes cannot lose
 * members, and a 100,000-member group costs no more to patch than a small one.
 *
 * <p>Forms handled: Okta's {@code remove} with {@code members[value eq "id"]} and {@code add}
 * with {@code path: members}; full pushes with {@code replace}; Entra's {@code Remove} with a
 * value list (removes only those members) and {@code Add} with {@code $ref: null}; path-less
 * values holding {@code members}.
 */
public final class GroupPatch {

    /** The member operations and, in request order, the operations left for the group's own attributes. */
    public record Split(List<MemberOperation> memberOperations, List<PatchOperation> attributeOperations) {

        /**
         * Entra ID's reading of a {@code replace} of {@code members}: the listed users become members
         * and no one else leaves. Entra removes members only with {@code Remove}, and its validator
         * adds a member by a {@code replace} listing that member alone, so a full replacement would
         * drop members Entra never meant to remove. (Okta's full push means the whole list.)
         */
        public Split withReplaceAddingMembers() {
            return new Split(memberOperations.stream()
                    .map(op -> op instanceof MemberOperation.ReplaceAll all ? new MemberOperation.Add(all.members()) : op)
                    .toList(), attributeOperations);
        }
    }

    private final FilterLimits filterLimits;

    /** @param filterLimits bound the filters of member paths ({@code members[value eq "id"]}) as list filters are bounded */
    public GroupPatch(FilterLimits filterLimits) {
        this.filterLimits = filterLimits;
    }

    public Split split(PatchOp patch) {
        List<MemberOperation> memberOperations = new ArrayList<>();
        List<PatchOperation> rest = new ArrayList<>();
        for (PatchOperation operation : patch.operations()) {
            JsonNode value = operation.value();
            if (operation.path() != null) {
                if (isMembersPath(operation.path())) {
                    memberOperations.add(pathOperation(operation.op(), operation.path(), value));
                } else {
                    rest.add(operation);
                }
            } else if (value instanceof ObjectNode object && hasMembers(object)) {
                ObjectNode withoutMembers = object.deepCopy();
                JsonNode members = removeMembers(withoutMembers);
                memberOperations.add(valueOperation(operation.op(), members));
                if (!withoutMembers.isEmpty()) {
                    rest.add(operation.withValue(withoutMembers));
                }
            } else {
                rest.add(operation);
            }
        }
        return new Split(memberOperations, rest);
    }

    /**
     * The members a group's create or PUT body lists, checked as an add of them would be; none when
     * the body has no (or a null) {@code members}.
     */
    public static List<MemberOperation.Member> membersOf(ObjectNode body) {
        return body.properties().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("members") && !e.getValue().isNull())
                .findFirst().map(e -> members(e.getValue())).orElse(List.of());
    }

    private static boolean isMembersPath(String path) {
        String lower = path.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("urn:ietf:params:scim:schemas:core:2.0:group:")) {
            lower = lower.substring("urn:ietf:params:scim:schemas:core:2.0:group:".length());
        }
        return lower.equals("members") || lower.startsWith("members[") || lower.startsWith("members.");
    }

    private static boolean hasMembers(ObjectNode value) {
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            if (it.next().equalsIgnoreCase("members")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode removeMembers(ObjectNode value) {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase("members")) {
                it.remove();
                return field.getValue();
            }
        }
        return null;
    }

    private static MemberOperation valueOperation(Op op, JsonNode members) {
        return switch (op) {
            case ADD -> new MemberOperation.Add(members(members));
            case REPLACE -> new MemberOperation.ReplaceAll(members(members));
            case REMOVE -> throw ScimException.badRequest("noTarget", "A remove operation needs a 'path'.");
        };
    }

    private MemberOperation pathOperation(Op op, String pathText, JsonNode value) {
        Path path = PatchApplier.parsePath(pathText, filterLimits);
        Filter filter = path.getElement(0).getValueFilter();
        if (path.size() > 1) {
            // A member is added or removed whole; its sub-attributes are advertised immutable.
            throw ScimException.mutability("A member's sub-attributes are immutable: add or remove the member instead of"
                    + " changing " + pathText + ".");
        }
        return switch (op) {
            case ADD -> {
                requireNoFilter(filter, pathText);
                yield new MemberOperation.Add(members(value));
            }
            case REPLACE -> {
                requireNoFilter(filter, pathText);
                yield new MemberOperation.ReplaceAll(members(value));
            }
            case REMOVE -> {
                if (filter != null) {
                    yield new MemberOperation.Remove(memberIds(filter, pathText));
                }
                if (value == null || value.isNull()) {
                    yield new MemberOperation.RemoveAll();
                }
                Set<String> ids = new LinkedHashSet<>();
                members(value).forEach(member -> ids.add(member.value()));
                yield new MemberOperation.Remove(ids);
            }
        };
    }

    private static void requireNoFilter(Filter filter, String path) {
        if (filter != null) {
            throw ScimException.badRequest("invalidPath", "Add members with path 'members', not " + path + ".");
        }
    }

    /** {@code value eq "id"}, or several of them joined by {@code or}. */
    private static Set<String> memberIds(Filter filter, String path) {
        Set<String> ids = new LinkedHashSet<>();
        collectIds(filter, path, ids);
        return ids;
    }

    private static void collectIds(Filter filter, String path, Set<String> ids) {
        if (filter.getFilterType() == FilterType.OR) {
            for (Filter part : ((com.unboundid.scim2.common.filters.CombiningFilter) filter).getCombinedFilters()) {
                collectIds(part, path, ids);
            }
            return;
        }
        if (filter.getFilterType() == FilterType.EQUAL
                && filter.getAttributePath().size() == 1
                && filter.getAttributePath().getElement(0).getAttribute().equalsIgnoreCase("value")
                && filter.getComparisonValue() != null && filter.getComparisonValue().isTextual()) {
            ids.add(filter.getComparisonValue().textValue());
            return;
        }
        throw ScimException.badRequest("invalidPath", "Select members by 'value eq \"id\"': " + path);
    }

    private static List<MemberOperation.Member> members(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        JsonNode list = value.isArray() ? value : value.isObject() ? JsonNodeFactory.instance.arrayNode().add(value) : null;
        if (list == null) {
            throw ScimException.invalidValue("'members' must be an array of objects with a 'value'.");
        }
        List<MemberOperation.Member> members = new ArrayList<>();
        for (JsonNode member : list) {
            JsonNode id = member.get("value");
            if (!member.isObject() || id == null || !id.isTextual() || id.asText().isBlank()) {
                throw ScimException.invalidValue("Each member needs a string 'value' (the user id).");
            }
            JsonNode display = member.get("display");
            if (display != null && !display.isNull() && !display.isTextual()) {
                throw ScimException.invalidValue("A member's 'display' must be a string.");
            }
            members.add(new MemberOperation.Member(id.asText(),
                    display == null || display.isNull() ? null : truncate(display.asText())));
        }
        return members;
    }

    private static String truncate(String display) {
        return display.length() > 512 ? display.substring(0, 512) : display;
    }
}
