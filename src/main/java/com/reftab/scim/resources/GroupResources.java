package com.reftab.scim.resources;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.reftab.scim.directory.GroupDirectory;
import com.reftab.scim.directory.IdentityProvider;
import com.reftab.scim.directory.ResourceStore;
import com.reftab.scim.directory.MembershipUpdate;
import com.reftab.scim.directory.MembershipUpdate.Delta;
import com.reftab.scim.directory.StoredGroup;
import com.reftab.scim.directory.TenantIdentityProviders;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import com.reftab.scim.outbox.Outbox;
import com.reftab.scim.protocol.AttributeSelection;
import com.reftab.scim.protocol.EntityTags;
import com.reftab.scim.protocol.GroupSchema;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.protocol.patch.GroupPatch;
import com.reftab.scim.protocol.patch.MemberOperation;
import com.reftab.scim.protocol.patch.PatchApplier;
import com.reftab.scim.protocol.patch.PatchOp;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * SCIM Groups as Okta's Push Groups and Entra ID use them. Each write applies attribute and
 * membership changes to the locked group, moves its version once and appends its events
 * (membership deltas, not the whole group). Members are rows of their own, changed by
 * operations ({@link MemberOperation}) rather than read and written back, and read as an answer
 * is written ({@link GroupMembers}); a PATCH answers 204 unless the client asks for attributes
 * (RFC 7644 §3.5.2), so a push to a large group never serialises its members.
 */
@Component
@Order(2)
public class GroupResources implements ResourceType<StoredGroup> {

    private static final Definition DEFINITION = new Definition("Group", "Groups",
            "A pushed group, mapped to a Reftab access role", GroupSchema.SCHEMA, null, "displayName");

    private final GroupDirectory directory;
    private final MembershipUpdate membershipUpdate;
    private final GroupMembership membership;
    private final Outbox outbox;
    private final ResourceBounds bounds;
    private final PatchApplier patches;
    private final GroupPatch groupPatch;
    private final TenantIdentityProviders identityProviders;

    public GroupResources(GroupDirectory directory, MembershipUpdate membershipUpdate, GroupMembership membership,
                          Outbox outbox, ResourceBounds bounds, FilterLimits filterLimits,
                          TenantIdentityProviders identityProviders) {
        this.directory = directory;
        this.membershipUpdate = membershipUpdate;
        this.membership = membership;
        this.outbox = outbox;
        this.bounds = bounds;
        this.patches = new PatchApplier(GroupSchema.SCHEMA, filterLimits);
        this.groupPatch = new GroupPatch(filterLimits);
        this.identityProviders = identityProviders;
    }

    @Override
    public Definition definition() {
        return DEFINITION;
    }

    @Override
    public ResourceStore<StoredGroup> store() {
        return directory;
    }

    /** A group's members, when selected, are read as the answer is written, so a large group is never held whole. */
    @Override
    public Function<StoredGroup, ObjectNode> representation(ScimCall call, List<StoredGroup> chunk,
                                                            AttributeSelection selection) {
        return group -> selection.apply(representation(group, call.baseUrl(), selection.includes("members")
                ? new GroupMembers(directory, call.tenantId(), group.id(), call.baseUrl(), selection) : null));
    }

    @Override
    public Creation<StoredGroup> creation(ScimCall call, ObjectNode body) {
        List<MemberOperation> members = List.of(new MemberOperation.Add(GroupPatch.membersOf(body)));
        ObjectNode attributes = GroupSchema.SCHEMA.canonicalize(withoutMembers(body));
        bounds.requireNew(GroupSchema.SCHEMA, "group", attributes);
        return new Creation<>() {
            @Override
            public StoredGroup insert(String tenantId, String id, Instant now) {
                StoredGroup group = new StoredGroup(tenantId, id, attributes.path("displayName").asText(),
                        attributes.hasNonNull("externalId") ? attributes.get("externalId").asText() : null, 1, now, now);
                directory.insert(group);
                Delta delta = membershipUpdate.apply(tenantId, id, members);
                outbox.appendAfterDirectoryWrite(groupEvent(EventType.GROUP_CREATED, group, now));
                membership.appendMemberEvents(group, delta, now);
                return group;
            }

            @Override
            public String uniqueValue() {
                return attributes.path("displayName").asText();
            }
        };
    }

    /** The body's members replace the group's, its other attributes the group's own. */
    @Override
    public Change<StoredGroup> replacement(ScimCall call, ObjectNode body) {
        List<MemberOperation> members = List.of(new MemberOperation.ReplaceAll(GroupPatch.membersOf(body)));
        ObjectNode attributes = GroupSchema.SCHEMA.canonicalize(withoutMembers(body));
        return (current, now) -> changeTo(current, attributes, members, now);
    }

    @Override
    public Change<StoredGroup> patch(ScimCall call, PatchOp patch) {
        GroupPatch.Split read = groupPatch.split(patch);
        boolean entra = read.memberOperations().stream().anyMatch(MemberOperation.ReplaceAll.class::isInstance)
                && identityProviders.of(call.tenantId()) == IdentityProvider.ENTRA;
        GroupPatch.Split split = entra ? read.withReplaceAddingMembers() : read;
        return (current, now) -> changeTo(current, split.attributeOperations().isEmpty() ? current.attributes()
                        : GroupSchema.SCHEMA.canonicalize(patches.apply(current.attributes(), split.attributeOperations())),
                split.memberOperations(), now);
    }

    /** Checked on the locked group, before any attribute or member row is touched. */
    private StoredGroup changeTo(StoredGroup current, ObjectNode attributes, List<MemberOperation> memberOperations,
                                 Instant now) {
        if (!attributes.hasNonNull("displayName")) {
            throw ScimException.invalidValue("The attribute 'displayName' is required.");
        }
        boolean renamed = !attributes.equals(current.attributes());
        if (renamed) {
            bounds.require(GroupSchema.SCHEMA, "group", current.attributes(), attributes);
        }
        Delta delta = membershipUpdate.apply(current.tenantId(), current.id(), memberOperations);
        if (!renamed && delta.isEmpty()) {
            return current;
        }
        StoredGroup changed = current.changedTo(attributes, now);
        directory.update(changed);
        if (renamed) {
            outbox.appendAfterDirectoryWrite(groupEvent(EventType.GROUP_UPDATED, changed, now));
        }
        membership.appendMemberEvents(changed, delta, now);
        return changed;
    }

    @Override
    public void delete(StoredGroup current, Instant now) {
        StoredGroup deleted = current.touched(now);
        List<String> members = directory.memberIds(current.tenantId(), current.id());
        directory.delete(current.tenantId(), current.id());
        membership.appendMemberEvents(deleted, new Delta(List.of(), members), now);
        outbox.appendAfterDirectoryWrite(groupEvent(EventType.GROUP_DELETED, deleted, now));
    }

    @Override
    public boolean patchAnswersWithoutBody() {
        return true;
    }

    /** Events carry the group's own attributes, not its members: membership has events of its own. */
    private ProvisioningEvent groupEvent(EventType type, StoredGroup group, Instant now) {
        return ProvisioningEvent.of(group.tenantId(), type, name(), group.id(), group.version(), core(group), now);
    }

    private static ObjectNode core(StoredGroup group) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.putArray("schemas").add(GroupSchema.CORE);
        node.put("id", group.id());
        node.setAll(group.attributes());
        return node;
    }

    private static ObjectNode withoutMembers(ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        copy.properties().removeIf(e -> e.getKey().equalsIgnoreCase("members"));
        return copy;
    }

    static ObjectNode representation(StoredGroup group, String baseUrl, GroupMembers members) {
        ObjectNode node = core(group);
        if (members != null) {
            node.set("members", new POJONode(members));
        }
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", group.created().toString());
        meta.put("lastModified", group.lastModified().toString());
        meta.put("location", baseUrl + "/scim/v2/Groups/" + group.id());
        meta.put("version", EntityTags.of(group.version()));
        return node;
    }
}
