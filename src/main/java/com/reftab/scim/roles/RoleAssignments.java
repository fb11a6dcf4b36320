package com.reftab.scim.roles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.patch.PatchOperation;
import com.reftab.scim.roles.RoleReferences.RoleReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A person's access roles assigned directly by the identity provider (the SCIM User's
 * {@code roles}): each is resolved against the roles the tenant offers, matched by the role's id
 * first, then by its name without regard to letter case, and stored as
 * {@code {"value": <role id>, "display": <role name>}} (with the type and primary flag as sent),
 * once per role. An unknown role, or one the tenant does not offer to its identity provider,
 * refuses the write, naming it. A role's id is its name (as {@code /Roles} lists it).
 */
@Component
public class RoleAssignments {

    /** The roles resolved, and the {@code roles} attribute to store. */
    public record Assigned(List<AccessRole> roles, ArrayNode attribute) {
    }

    private final AccessRoles accessRoles;
    private final RoleAssignmentLimits limits;
    private final JdbcTemplate jdbc;

    public RoleAssignments(AccessRoles accessRoles, RoleAssignmentLimits limits, JdbcTemplate jdbc) {
        this.accessRoles = accessRoles;
        this.limits = limits;
        this.jdbc = jdbc;
    }

    /**
     * Resolves the {@code roles} of a user about to be written and puts them back in their stored
     * form. {@code unchanged} is the stored {@code roles}: when the write leaves them as they were,
     * a role the tenant no longer offers is kept and just grants nothing, so the person can still
     * be changed (deactivated) by a write that does not touch their roles; and a write that does
     * change them refuses only roles the person does not already hold, so a held role the tenant
     * withdrew is kept (granting nothing) while the others are added or removed.
     */
    public Assigned assign(String tenantId, ObjectNode attributes, JsonNode unchanged) {
        JsonNode sent = attributes.get("roles");
        if (sent == null || sent.isEmpty()) {
            attributes.remove("roles");
            return new Assigned(List.of(), null);
        }
        boolean strict = unchanged == null || !unchanged.equals(sent);
        List<RoleReference> references = RoleReferences.parse(sent, limits.maxEncodedLength());
        List<AccessRole> offered = assignable(tenantId);
        Map<String, ObjectNode> stored = new LinkedHashMap<>();
        List<AccessRole> resolved = new ArrayList<>();
        for (RoleReference reference : references) {
            Optional<AccessRole> role = resolve(reference, offered);
            if (role.isEmpty()) {
                Optional<ObjectNode> held = held(reference, unchanged);
                if (held.isPresent()) {
                    // Held before the tenant withdrew it: kept, so the person's other roles can change. It stays
                    // among the direct roles events carry (as on the resource); the role mapping lets it grant nothing.
                    String name = held.get().path("value").asText();
                    if (!stored.containsKey(name)) {
                        stored.put(name, held.get().deepCopy());
                        accessRoles.find(tenantId, name).ifPresent(resolved::add);
                    }
                    continue;
                }
                if (strict) {
                    throw ScimException.invalidValue("Unknown role '" + reference.candidates().get(0) + "' in 'roles':"
                            + " the tenant offers its identity provider no role with that id or name.");
                }
                continue;
            }
            ObjectNode existing = stored.get(role.get().name());
            if (existing != null) {
                if (reference.primary()) {
                    existing.put("primary", true);
                }
                continue;
            }
            resolved.add(role.get());
            stored.put(role.get().name(), element(role.get(), reference));
        }
        if (strict && resolved.size() > limits.maxPerUser()) {
            throw ScimException.invalidValue("A person holds at most " + limits.maxPerUser() + " roles"
                    + " (REFTAB_SCIM_ROLES_MAX_PER_USER); this request gives " + resolved.size() + ".");
        }
        if (!strict) {
            // Kept as stored, so an unchanged user stays unchanged.
            return new Assigned(resolved, (ArrayNode) sent);
        }
        ArrayNode attribute = JsonNodeFactory.instance.arrayNode();
        stored.values().forEach(attribute::add);
        attributes.set("roles", attribute);
        return new Assigned(resolved, attribute);
    }

    /** The stored element a reference names, when the person already holds that role (by id, then name in any case). */
    private static Optional<ObjectNode> held(RoleReference reference, JsonNode unchanged) {
        if (unchanged == null || !unchanged.isArray()) {
            return Optional.empty();
        }
        for (String candidate : reference.candidates()) {
            for (JsonNode element : unchanged) {
                String value = element.path("value").asText();
                if (element.isObject() && (value.equals(candidate) || value.equalsIgnoreCase(candidate))) {
                    return Optional.of((ObjectNode) element);
                }
            }
        }
        return Optional.empty();
    }

    /** A PATCH's operations, with those on {@code roles} read as the identity provider means them ({@link RolePatches}). */
    public List<PatchOperation> readPatch(String tenantId, JsonNode storedRoles, List<PatchOperation> operations) {
        List<PatchOperation> read = new ArrayList<>();
        List<AccessRole> offered = null;
        for (PatchOperation operation : RolePatches.read(storedRoles, operations)) {
            if (operation.op() == PatchOperation.Op.REPLACE || !RolePatches.isRoles(operation.path()) || operation.value() == null) {
                read.add(operation);
                continue;
            }
            // An Add or Remove names roles as the identity provider sends them (Entra's encoded app role
            // included): each is matched by the role it names, so a Remove of the encoded form removes it.
            if (offered == null) {
                offered = assignable(tenantId);
            }
            ArrayNode values = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : operation.value().isArray() ? operation.value()
                    : JsonNodeFactory.instance.arrayNode().add(operation.value())) {
                values.add(named(element, offered, storedRoles));
            }
            read.add(operation.withValue(values));
        }
        return read;
    }

    /** The element with its {@code value} the id of the role it names, among the offered roles or those held. */
    private JsonNode named(JsonNode element, List<AccessRole> offered, JsonNode storedRoles) {
        if (!element.isObject()) {
            return element;
        }
        RoleReference reference = RoleReferences.parse(JsonNodeFactory.instance.arrayNode().add(element),
                limits.maxEncodedLength()).get(0);
        Optional<String> name = resolve(reference, offered).map(RoleAssignments::id)
                .or(() -> held(reference, storedRoles).map(held -> held.path("value").asText()));
        if (name.isEmpty()) {
            return element;
        }
        ObjectNode named = ((ObjectNode) element).deepCopy();
        named.put("value", name.get());
        named.remove("display");
        return named;
    }

    /** The roles a person may be assigned: those the tenant offers to its identity provider. */
    public List<AccessRole> assignable(String tenantId) {
        return accessRoles.offered(tenantId);
    }

    /** The directory's copy of a user's direct roles, rewritten in the write's transaction. */
    public void store(String tenantId, String userId, List<AccessRole> roles) {
        jdbc.update("delete from direct_role_assignment where tenant_id = ? and user_id = ?", tenantId, userId);
        for (AccessRole role : roles) {
            jdbc.update("insert into direct_role_assignment (tenant_id, user_id, role) values (?, ?, ?)",
                    tenantId, userId, role.name());
        }
    }

    /** The direct roles as user events carry them ({@code data.directRoles}): name and precedence. */
    public static ArrayNode eventData(List<AccessRole> roles) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        roles.forEach(role -> array.addObject().put("role", role.name()).put("precedence", role.precedence()));
        return array;
    }

    static Optional<AccessRole> resolve(RoleReference reference, List<AccessRole> offered) {
        for (String candidate : reference.candidates()) {
            Optional<AccessRole> byId = offered.stream().filter(role -> id(role).equals(candidate)).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
            String lower = candidate.toLowerCase(Locale.ROOT);
            Optional<AccessRole> byName = offered.stream()
                    .filter(role -> role.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
            if (byName.isPresent()) {
                return byName;
            }
        }
        return Optional.empty();
    }

    private static String id(AccessRole role) {
        return role.name();
    }

    private static ObjectNode element(AccessRole role, RoleReference reference) {
        ObjectNode element = JsonNodeFactory.instance.objectNode();
        element.put("value", id(role));
        element.put("display", role.name());
        if (reference.type() != null) {
            element.put("type", reference.type());
        }
        if (reference.primary()) {
            element.put("primary", true);
        }
        return element;
    }
}
