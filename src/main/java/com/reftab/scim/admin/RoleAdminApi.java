package com.reftab.scim.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.directory.GroupDirectory;
import com.reftab.scim.directory.StoredGroup;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.outbox.Outbox;
import com.reftab.scim.protocol.ListRequest;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ScimJson;
import com.reftab.scim.roles.AccessRole;
import com.reftab.scim.roles.AccessRoles;
import com.reftab.scim.roles.RolesAwaited;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The admin API behind Reftab's "Group Mappings" screen: access roles, the default role, and which
 * role each pushed group grants. A mapping change is stored with its event in one transaction;
 * the role-mapping route then moves every member's role.
 */
@Component("roleAdminApi")
public class RoleAdminApi {

    private static final int MAX_PAGE = 500;
    private static final int MAX_DESCRIPTION = 512;
    private static final String MAPPINGS = "select g.id, g.display_name, gm.role, gm.updated_at mapped_at,"
            + " (select count(*) from scim_group_member m where m.tenant_id = g.tenant_id and m.group_id = g.id) members"
            + " from scim_group g left join group_role_mapping gm on gm.tenant_id = g.tenant_id and gm.group_id = g.id";

    private final AccessRoles roles;
    private final GroupDirectory groups;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RolesAwaited rolesAwaited;

    public RoleAdminApi(AccessRoles roles, GroupDirectory groups, Outbox outbox, JdbcTemplate jdbc,
                        TransactionTemplate transaction, RolesAwaited rolesAwaited) {
        this.roles = roles;
        this.groups = groups;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.rolesAwaited = rolesAwaited;
    }

    public JsonReply roles(ApiRequest request) {
        String defaultRole = roles.defaultRoleName(request.tenantId());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("defaultRole", defaultRole);
        var array = body.putArray("roles");
        for (AccessRole role : roles.list(request.tenantId())) {
            array.add(json(role).put("default", role.name().equals(defaultRole)));
        }
        return JsonReply.json(200, body);
    }

    public JsonReply createRole(ApiRequest request) {
        ObjectNode body = ScimJson.readObject(request.body());
        String name = roleName(body.get("name"));
        if (name.startsWith("{")) {
            // Entra sends an app role as a JSON document in a string; a value starting with '{' is read as one.
            throw ScimException.invalidValue("A role name cannot start with '{': the identity provider's role"
                    + " value would be read as Entra's app role encoded as JSON.");
        }
        JsonNode precedence = body.get("precedence");
        if (precedence == null || !precedence.isInt()) {
            throw ScimException.invalidValue("'precedence' must be an integer; the highest role of a user's groups wins.");
        }
        JsonNode canLogin = body.get("canLogin");
        if (canLogin != null && !canLogin.isBoolean()) {
            throw ScimException.invalidValue("'canLogin' must be true or false.");
        }
        JsonNode offered = body.get("offered");
        if (offered != null && !offered.isBoolean()) {
            throw ScimException.invalidValue("'offered' must be true or false: whether the identity provider may assign the role.");
        }
        JsonNode description = body.get("description");
        if (description != null && !description.isNull()
                && (!description.isTextual() || description.asText().length() > MAX_DESCRIPTION)) {
            throw ScimException.invalidValue("'description' is a string of at most " + MAX_DESCRIPTION + " characters.");
        }
        AccessRole role = new AccessRole(name, precedence.intValue(), canLogin == null || canLogin.booleanValue(),
                offered == null || offered.booleanValue(),
                description == null || description.isNull() || description.asText().isBlank() ? null : description.asText());
        try {
            roles.create(request.tenantId(), role);
        } catch (DuplicateKeyException e) {
            throw ScimException.uniqueness("A role named '" + name + "' exists already.");
        }
        return JsonReply.json(201, json(role));
    }

    /**
     * Offers a role to the identity provider ({@code /scim/v2/Roles} lists it, a user may be given it
     * there) or withdraws it. Roles are offered until withdrawn. A change is stored with its event
     * in one transaction, since a withdrawn role no longer grants anything to those who hold it.
     */
    public JsonReply setOffered(ApiRequest request) {
        String tenantId = request.tenantId();
        String name;
        try {
            // The path parameter arrives as the client encoded it ("Asset%20Keeper").
            name = existingRole(tenantId, JsonNodeFactory.instance.textNode(
                    URLDecoder.decode(request.path("id").replace("+", "%2B"), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidValue("The role's name in the path is not percent-encoded UTF-8.");
        }
        JsonNode offered = ScimJson.readObject(request.body()).get("offered");
        if (offered == null || !offered.isBoolean()) {
            throw ScimException.invalidValue("'offered' must be true or false: whether the identity provider may assign the role.");
        }
        boolean offer = offered.booleanValue();
        transaction.executeWithoutResult(status -> {
            if (roles.find(tenantId, name).map(AccessRole::offered).orElse(offer) == offer) {
                return;
            }
            roles.update(tenantId, name, offer, null);
            // The role's version, so a consumer can tell an older offer event arriving late.
            long version = roles.version(tenantId, name);
            ObjectNode data = JsonNodeFactory.instance.objectNode().put("tenantId", tenantId).put("role", name)
                    .put("offered", offer).put("version", version);
            // A withdrawn role grants nothing to the people who hold it: the role mapping works their roles out again.
            outbox.append(ProvisioningEvent.withData(tenantId, EventType.ROLE_OFFER_CHANGED, "Roles/" + name, data,
                    Instant.now()));
        });
        AccessRole role = roles.find(tenantId, name).orElseThrow();
        return JsonReply.json(200, json(role).put("default", role.name().equals(roles.defaultRoleName(tenantId))));
    }

    public JsonReply setDefaultRole(ApiRequest request) {
        String tenantId = request.tenantId();
        String name = existingRole(tenantId, ScimJson.readObject(request.body()).get("role"));
        transaction.executeWithoutResult(status -> {
            long version = roles.setDefaultRole(tenantId, name);
            ObjectNode data = JsonNodeFactory.instance.objectNode().put("tenantId", tenantId).put("role", name)
                    .put("version", version);
            outbox.append(ProvisioningEvent.withData(tenantId, EventType.DEFAULT_ROLE_CHANGED,
                    "Tenants/" + tenantId, data, Instant.now()));
        });
        return JsonReply.json(200, JsonNodeFactory.instance.objectNode().put("defaultRole", name));
    }

    public JsonReply groupMappings(ApiRequest request) {
        String tenantId = request.tenantId();
        ListRequest page = request.page(MAX_PAGE);
        Long total = jdbc.queryForObject("select count(*) from scim_group where tenant_id = ?", Long.class, tenantId);
        List<ObjectNode> mappings = jdbc.query(MAPPINGS + " where g.tenant_id = ? order by g.display_name_key limit ? offset ?",
                (rs, row) -> mapping(rs), tenantId, page.count(), page.offset());
        withRolesAwaited(tenantId, mappings);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("totalResults", total == null ? 0 : total);
        body.put("startIndex", page.startIndex());
        body.put("itemsPerPage", mappings.size());
        body.putArray("groupMappings").addAll(mappings);
        return JsonReply.json(200, body);
    }

    /** One group's mapping, and whether its members' roles have followed it yet. */
    public JsonReply groupMapping(ApiRequest request) {
        String groupId = request.path("groupId");
        List<ObjectNode> mappings = jdbc.query(MAPPINGS + " where g.tenant_id = ? and g.id = ?",
                (rs, row) -> mapping(rs), request.tenantId(), groupId);
        if (mappings.isEmpty()) {
            throw ScimException.notFound("No pushed group with id '" + groupId + "'.");
        }
        return JsonReply.json(200, withRolesAwaited(request.tenantId(), mappings).get(0));
    }

    private static ObjectNode mapping(ResultSet rs) throws SQLException {
        ObjectNode mapping = JsonNodeFactory.instance.objectNode();
        mapping.put("groupId", rs.getString("id"));
        mapping.put("displayName", rs.getString("display_name"));
        mapping.put("memberCount", rs.getLong("members"));
        mapping.put("role", rs.getString("role"));
        Timestamp mappedAt = rs.getTimestamp("mapped_at");
        mapping.put("mappingChangedAt", mappedAt == null ? null : mappedAt.toInstant().toString());
        return mapping;
    }

    private List<ObjectNode> withRolesAwaited(String tenantId, List<ObjectNode> mappings) {
        Map<String, Long> awaiting = rolesAwaited.membersAwaitingRole(tenantId,
                mappings.stream().map(m -> m.get("groupId").asText()).toList());
        for (ObjectNode mapping : mappings) {
            long count = awaiting.getOrDefault(mapping.get("groupId").asText(), 0L);
            mapping.put("membersAwaitingRole", count);
            mapping.put("rolesFollowed", count == 0);
        }
        return mappings;
    }

    public JsonReply mapGroup(ApiRequest request) {
        String role = existingRole(request.tenantId(), ScimJson.readObject(request.body()).get("role"));
        StoredGroup group = changeMapping(request.tenantId(), request.path("groupId"), role);
        return JsonReply.json(200, JsonNodeFactory.instance.objectNode()
                .put("groupId", group.id()).put("displayName", group.displayName()).put("role", role));
    }

    public JsonReply unmapGroup(ApiRequest request) {
        changeMapping(request.tenantId(), request.path("groupId"), null);
        return JsonReply.noContent();
    }

    private StoredGroup changeMapping(String tenantId, String groupId, String role) {
        return transaction.execute(status -> {
            StoredGroup group = groups.findForUpdate(tenantId, groupId)
                    .orElseThrow(() -> ScimException.notFound("No pushed group with id '" + groupId + "'."));
            String current = jdbc.queryForList("select role from group_role_mapping where tenant_id = ? and group_id = ?",
                    String.class, tenantId, groupId).stream().findFirst().orElse(null);
            if (java.util.Objects.equals(current, role)) {
                return group;
            }
            Timestamp now = Timestamp.from(Instant.now());
            jdbc.update("delete from group_role_mapping where tenant_id = ? and group_id = ?", tenantId, groupId);
            if (role != null) {
                jdbc.update("insert into group_role_mapping (tenant_id, group_id, role, updated_at) values (?, ?, ?, ?)",
                        tenantId, groupId, role, now);
            }
            // The mapping's own version, so a consumer can tell an older mapping event arriving late.
            jdbc.update("update scim_group set mapping_version = mapping_version + 1 where tenant_id = ? and id = ?",
                    tenantId, groupId);
            long version = jdbc.queryForObject("select mapping_version from scim_group where tenant_id = ? and id = ?",
                    Long.class, tenantId, groupId);
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.put("tenantId", tenantId);
            data.put("resourceType", "GroupMapping");
            data.put("id", groupId);
            data.put("version", version);
            data.put("displayName", group.displayName());
            data.put("role", role);
            // What the role rule needs of the role, so consumers need nothing but the events.
            if (role == null) {
                data.putNull("precedence");
            } else {
                data.put("precedence", roles.find(tenantId, role).map(AccessRole::precedence).orElse(0));
            }
            outbox.append(ProvisioningEvent.withData(tenantId, EventType.GROUP_MAPPING_CHANGED, "Groups/" + groupId,
                    data, now.toInstant()));
            return group;
        });
    }

    private String existingRole(String tenantId, JsonNode name) {
        String role = roleName(name);
        return roles.find(tenantId, role).map(AccessRole::name)
                .orElseThrow(() -> ScimException.invalidValue("There is no role named '" + role + "'."));
    }

    private static String roleName(JsonNode name) {
        if (name == null || !name.isTextual() || name.asText().isBlank() || name.asText().length() > 64) {
            throw ScimException.invalidValue("A role name is a string of 1 to 64 characters.");
        }
        return name.asText().trim();
    }

    private static ObjectNode json(AccessRole role) {
        return JsonNodeFactory.instance.objectNode()
                .put("name", role.name()).put("precedence", role.precedence()).put("canLogin", role.canLogin())
                .put("offered", role.offered()).put("description", role.description());
    }
}
