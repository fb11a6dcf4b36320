package com.reftab.scim.resources;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.directory.ResourceStore;
import com.reftab.scim.directory.RoleDirectory;
import com.reftab.scim.directory.StoredRole;
import com.reftab.scim.protocol.AttributeSelection;
import com.reftab.scim.protocol.EntityTags;
import com.reftab.scim.protocol.RoleSchema;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.patch.PatchOp;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reftab's access roles offered to the identity provider, at {@code /Roles} with Okta's Role schema
 * URN, so Okta Identity Governance lists them as entitlements and assigns them to users. Read-only
 * over SCIM: an admin makes roles and chooses which are offered in Reftab (the admin roles API),
 * so every write is refused with 405 before anything is read or changed.
 */
@Component
@Order(3)
public class RoleResources implements ResourceType<StoredRole> {

    private static final Definition DEFINITION = new Definition("Role", "Roles",
            "A Reftab access role offered to the identity provider, to assign to users", RoleSchema.SCHEMA, null,
            "displayName");

    private final RoleDirectory directory;

    public RoleResources(RoleDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public ResourceStore<StoredRole> store() {
        return directory;
    }

    @Override
    public Function<StoredRole, ObjectNode> representation(ScimCall call, List<StoredRole> chunk,
                                                           AttributeSelection selection) {
        return role -> selection.apply(representation(role, call.baseUrl()));
    }

    static ObjectNode representation(StoredRole role, String baseUrl) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.putArray("schemas").add(RoleSchema.CORE);
        node.put("id", role.id());
        node.put("displayName", role.name());
        if (role.description() != null) {
            node.put("description", role.description());
        }
        node.put("canLogin", role.canLogin());
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", DEFINITION.name());
        meta.put("location", baseUrl + "/scim/v2/Roles/" + URLEncoder.encode(role.id(), StandardCharsets.UTF_8).replace("+", "%20"));
        meta.put("version", EntityTags.of(role.version()));
        return node;
    }

    @Override
    public java.util.Optional<String> readOnly() {
        return java.util.Optional.of(refusal().detail());
    }

    @Override
    public Creation<StoredRole> creation(ScimCall call, ObjectNode body) {
        throw refusal();
    }

    @Override
    public Change<StoredRole> replacement(ScimCall call, ObjectNode body) {
        throw refusal();
    }

    @Override
    public Change<StoredRole> patch(ScimCall call, PatchOp patch) {
        throw refusal();
    }

    /** Not reached: the type is read-only, so Resources refuses the write before any lookup. */
    @Override
    public void delete(StoredRole current, Instant now) {
        throw refusal();
    }

    private static ScimException refusal() {
        return ScimException.methodNotAllowed("Roles are read-only over SCIM: a Reftab admin creates roles and chooses"
                + " which are offered to the identity provider (Settings > Group Mappings). Assign a role to a person"
                + " with the User's 'roles' attribute.");
    }
}
