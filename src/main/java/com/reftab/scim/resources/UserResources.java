package com.reftab.scim.resources;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.directory.GroupDirectory;
import com.reftab.scim.directory.ResourceStore;
import com.reftab.scim.directory.StoredUser;
import com.reftab.scim.directory.UserDirectory;
import com.reftab.scim.directory.UserDirectory.UserWithGroups;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import com.reftab.scim.outbox.Outbox;
import com.reftab.scim.protocol.AttributeSelection;
import com.reftab.scim.protocol.EntityTags;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.ListResponse;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.UserSchema;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.protocol.patch.MemberOperation.Member;
import com.reftab.scim.protocol.patch.PatchApplier;
import com.reftab.scim.protocol.patch.PatchOp;
import com.reftab.scim.roles.AccessRole;
import com.reftab.scim.roles.RoleAssignments;
import com.reftab.scim.roles.RoleAssignments.Assigned;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * SCIM Users (RFC 7643 §4.1) with the Enterprise User extension. A user is created active unless
 * it says otherwise, and a PUT that leaves out {@code active} keeps it; deactivation and
 * reactivation are events of their own. A user's read-only {@code groups} come from the groups'
 * member rows; deleting a user takes it out of every group. Its {@code roles} are access roles
 * the identity provider assigns directly: resolved against the tenant's roles and stored in their
 * resolved form ({@link RoleAssignments}); user events carry them as {@code data.directRoles}.
 */
@Component
@Order(1)
public class UserResources implements ResourceType<StoredUser> {

    private static final Definition DEFINITION = new Definition("User", "Users", "A person provisioned into Reftab",
            UserSchema.SCHEMA, "EnterpriseUser", "userName");

    private final UserDirectory directory;
    private final GroupDirectory groups;
    private final GroupMembership membership;
    private final Outbox outbox;
    private final ResourceBounds bounds;
    private final PatchApplier patches;
    private final RoleAssignments roleAssignments;

    public UserResources(UserDirectory directory, GroupDirectory groups, GroupMembership membership, Outbox outbox,
                         ResourceBounds bounds, FilterLimits filterLimits, RoleAssignments roleAssignments) {
        this.directory = directory;
        this.groups = groups;
        this.membership = membership;
        this.outbox = outbox;
        this.bounds = bounds;
        this.patches = new PatchApplier(UserSchema.SCHEMA, filterLimits);
        this.roleAssignments = roleAssignments;
    }

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public ResourceStore<StoredUser> store() {
        return directory;
    }

    /** The chunk's groups in one read, when the request selects them. */
    @Override
    public Function<StoredUser, ObjectNode> representation(ScimCall call, List<StoredUser> chunk, AttributeSelection selection) {
        Map<String, List<Member>> groupsOfUsers = selection.includes("groups")
                ? groups.groupsOf(call.tenantId(), chunk.stream().map(StoredUser::id).toList()) : Map.of();
        return user -> selection.apply(representation(user, groupsOfUsers.getOrDefault(user.id(), List.of()), call.baseUrl()));
    }

    /** With their groups selected, a page in creation order is read with its users' groups in one statement. */
    @Override
    public ListResponse.Streamed<?> page(ScimCall call, ListQuery query, AttributeSelection selection,
                                         FilterLimits filterLimits, int maxResults) {
        if (!selection.includes("groups") || (query.sortBy() != null && !query.sortBy().isBlank())) {
            return ResourceType.super.page(call, query, selection, filterLimits, maxResults);
        }
        ListQuery.Page<UserWithGroups> page = directory.listWithGroups(call.tenantId(), query, filterLimits, maxResults);
        return ListResponse.stream(page, chunk -> found -> selection.apply(representation(found.user(), found.groups(),
                call.baseUrl())));
    }

    /** With its groups selected, the user and its groups are read in one statement. */
    @Override
    public Optional<Found<StoredUser>> read(ScimCall call, String id, AttributeSelection selection) {
        if (!selection.includes("groups")) {
            return ResourceType.super.read(call, id, selection);
        }
        return directory.findWithGroups(call.tenantId(), id).map(found -> new Found<>(found.user(),
                () -> selection.apply(representation(found.user(), found.groups(), call.baseUrl()))));
    }

    @Override
    public Creation<StoredUser> creation(ScimCall call, ObjectNode body) {
        ObjectNode created = UserSchema.SCHEMA.canonicalize(body);
        if (!created.has("active")) {
            created.put("active", true);
        }
        bounds.requireNew(UserSchema.SCHEMA, "user", created);
        Assigned roles = roleAssignments.assign(call.tenantId(), created, null);
        bounds.requireNew(UserSchema.SCHEMA, "user", created);
        return new Creation<>() {
            @Override
            public StoredUser insert(String tenantId, String id, Instant now) {
                StoredUser user = new StoredUser(tenantId, id, created, 1, now, now);
                directory.insert(user);
                roleAssignments.store(tenantId, id, roles.roles());
                outbox.appendAfterDirectoryWrite(event(EventType.USER_CREATED, user, roles.roles(), now));
                return user;
            }

            @Override
            public String uniqueValue() {
                return created.path("userName").asText();
            }
        };
    }

    @Override
    public Change<StoredUser> replacement(ScimCall call, ObjectNode body) {
        ObjectNode replacement = UserSchema.SCHEMA.canonicalize(body);
        boolean rolesSent = replacement.has("roles") || sends(body, "roles");
        return (current, now) -> {
            if (!replacement.has("active")) {
                replacement.put("active", current.active());
            }
            // A PUT without roles keeps them, as it keeps active: a profile push from an app instance
            // without Governance must not wipe the roles Governance assigned. "roles": [] clears them.
            if (!rolesSent && current.attributes().has("roles")) {
                replacement.set("roles", current.attributes().get("roles").deepCopy());
            }
            return changeTo(current, replacement, now);
        };
    }

    @Override
    public Change<StoredUser> patch(ScimCall call, PatchOp patch) {
        return (current, now) -> changeTo(current, UserSchema.SCHEMA.canonicalize(patches.apply(current.attributes(),
                roleAssignments.readPatch(current.tenantId(), current.attributes().get("roles"), patch.operations()))), now);
    }

    private StoredUser changeTo(StoredUser current, ObjectNode attributes, Instant now) {
        if (!attributes.has("userName")) {
            throw ScimException.invalidValue("The attribute 'userName' is required.");
        }
        bounds.require(UserSchema.SCHEMA, "user", current.attributes(), attributes);
        Assigned roles = roleAssignments.assign(current.tenantId(), attributes, current.attributes().get("roles"));
        if (attributes.equals(current.attributes())) {
            return current;
        }
        bounds.require(UserSchema.SCHEMA, "user", current.attributes(), attributes);
        StoredUser changed = current.changedTo(attributes, now);
        directory.update(changed);
        roleAssignments.store(current.tenantId(), current.id(), roles.roles());
        outbox.appendAfterDirectoryWrite(event(eventType(current, changed), changed, roles.roles(), now));
        return changed;
    }

    @Override
    public void delete(StoredUser current, Instant now) {
        membership.removeFromAllGroups(current.tenantId(), current.id(), now);
        directory.delete(current.tenantId(), current.id());
        roleAssignments.store(current.tenantId(), current.id(), List.of());
        outbox.appendAfterDirectoryWrite(event(EventType.USER_DELETED, current.changedTo(current.attributes(), now), List.of(), now));
    }

    private static boolean sends(ObjectNode body, String attribute) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            if (names.next().equalsIgnoreCase(attribute)) {
                return true;
            }
        }
        return false;
    }

    private static EventType eventType(StoredUser before, StoredUser after) {
        if (before.active() && !after.active()) {
            return EventType.USER_DEACTIVATED;
        }
        if (!before.active() && after.active()) {
            return EventType.USER_REACTIVATED;
        }
        return EventType.USER_UPDATED;
    }

    /** A user event; {@code directRoles} carries the user's direct roles with their precedence, for the role mapping. */
    private ProvisioningEvent event(EventType type, StoredUser user, List<AccessRole> directRoles, Instant now) {
        ProvisioningEvent event = ProvisioningEvent.of(user.tenantId(), type, name(), user.id(), user.version(),
                representation(user, null, null), now);
        ((ObjectNode) event.data()).set("directRoles", RoleAssignments.eventData(directRoles));
        return event;
    }

    /**
     * The SCIM User as clients see it. Events carry it without {@code groups} (membership has events
     * of its own) and without {@code meta.location}.
     */
    static ObjectNode representation(StoredUser user, List<Member> userGroups, String baseUrl) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode schemas = node.putArray("schemas").add(UserSchema.CORE);
        if (user.attributes().has(UserSchema.ENTERPRISE)) {
            schemas.add(UserSchema.ENTERPRISE);
        }
        node.put("id", user.id());
        node.setAll(user.attributes());
        if (userGroups != null) {
            ArrayNode array = node.putArray("groups");
            for (Member group : userGroups) {
                array.addObject().put("value", group.value()).put("display", group.display())
                        .put("$ref", baseUrl + "/scim/v2/Groups/" + group.value()).put("type", "direct");
            }
        }
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", user.created().toString());
        meta.put("lastModified", user.lastModified().toString());
        if (baseUrl != null) {
            meta.put("location", baseUrl + "/scim/v2/Users/" + user.id());
        }
        meta.put("version", EntityTags.of(user.version()));
        return node;
    }
}
