package com.reftab.scim.roles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.patch.PatchOperation;
import com.reftab.scim.protocol.patch.PatchOperation.Op;

/**
 * A PATCH's operations on a User's {@code roles}, read as Entra means them before they are
 * applied. Entra's {@code SingleAppRoleAssignment} gives a person one role: its POST marks that
 * role {@code primary}, and a change of the role arrives as an {@code Add} of the new one alone.
 * So an {@code Add} on {@code roles} of exactly one role replaces the person's primary role when
 * they hold one (or when the role added is itself primary), and the new role becomes the primary
 * one; otherwise an {@code Add} adds, as {@code AppRoleAssignmentsComplex} (every role
 * {@code primary: false}) means it. Without this, a demoted person would keep the higher role.
 */
final class RolePatches {

    private static final String ROLES = "roles";

    private RolePatches() {
    }

    static List<PatchOperation> read(JsonNode storedRoles, List<PatchOperation> operations) {
        List<PatchOperation> read = new ArrayList<>();
        for (PatchOperation operation : operations) {
            if (operation.op() == Op.ADD && isRoles(operation.path()) && operation.value() != null) {
                ArrayNode added = array(operation.value());
                ArrayNode primary = primaryRoles(storedRoles);
                if (added.size() == 1 && added.get(0).isObject() && (!primary.isEmpty() || isPrimary(added.get(0)))) {
                    if (!primary.isEmpty()) {
                        read.add(new PatchOperation(Op.REMOVE, operation.path(), primary));
                    }
                    ObjectNode role = ((ObjectNode) added.get(0)).deepCopy();
                    role.put("primary", true);
                    read.add(operation.withValue(JsonNodeFactory.instance.arrayNode().add(role)));
                    continue;
                }
            }
            read.add(operation);
        }
        return read;
    }

    static boolean isRoles(String path) {
        return path != null && path.strip().toLowerCase(Locale.ROOT).equals(ROLES);
    }

    private static ArrayNode array(JsonNode value) {
        return value.isArray() ? (ArrayNode) value : JsonNodeFactory.instance.arrayNode().add(value);
    }

    private static boolean isPrimary(JsonNode role) {
        return role.path("primary").asBoolean(false);
    }

    /** The stored roles marked primary, as elements a Remove of them carries. */
    private static ArrayNode primaryRoles(JsonNode storedRoles) {
        ArrayNode primary = JsonNodeFactory.instance.arrayNode();
        if (storedRoles != null && storedRoles.isArray()) {
            for (JsonNode role : storedRoles) {
                if (isPrimary(role)) {
                    primary.add(JsonNodeFactory.instance.objectNode().set("value", role.get("value")));
                }
            }
        }
        return primary;
    }
}
