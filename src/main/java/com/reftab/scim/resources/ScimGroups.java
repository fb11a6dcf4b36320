package com.reftab.scim.resources;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.reftab.scim.directory.GroupDirectory;
import com.reftab.scim.directory.MembershipUpdate;
import com.reftab.scim.directory.MembershipUpdate.Delta;
import com.reftab.scim.directory.StoredGroup;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.MembershipEvents;
import com.reftab.scim.events.ProvisioningEvent;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.outbox.Outbox;
import com.reftab.scim.protocol.filter.FilterLimits;
import com.reftab.scim.protocol.patch.GroupPatch;
import com.reftab.scim.protocol.patch.MemberOperation;
import com.reftab.scim.protocol.patch.MemberOperation.Member;
import com.reftab.scim.protocol.patch.PatchApplier;
import com.reftab.scim.protocol.patch.PatchOp;
import org.apache.camel.Header;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import com.reftab.scim.protocol.ScimJson;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ListResponse;
import com.reftab.scim.protocol.ListQuery;
import com.reftab.scim.protocol.GroupSchema;
import com.reftab.scim.protocol.EntityTags;
import com.reftab.scim.protocol.AttributeSelection;

/**
 * SCIM semantics of /Groups as Okta's Push Groups and Entra ID use them. Each write locks the
 * group, applies attribute and membership changes, bumps the version once and appends its events
 * (membership deltas, not the whole group) in one transaction. PATCH answers 204 unless the client
 * asks for attributes (RFC 7644 §3.5.2), so a push to a large group never serialises its members.
 */
@Component("scimGroups")
public class ScimGroups {

    private final GroupDirectory directory;
    private final MembershipUpdate membership;
    private final Outbox outbox;
    private final MembershipEvents memberEvents;
    private final TransactionTemplate transaction;
    private final ResourceBounds bounds;
    private final FilterLimits filterLimits;
    private final PatchApplier patches;
    private final GroupPatch groupPatch;
    private final int maxResults;

    public ScimGroups(GroupDirectory directory, MembershipUpdate membership, Outbox outbox, MembershipEvents memberEvents,
                      TransactionTemplate transaction, ResourceBounds bounds, FilterLimits filterLimits,
                      @Value("${reftab.scim.max-results:200}") int maxResults) {
        this.directory = directory;
        this.membership = membership;
        this.outbox = outbox;
        this.memberEvents = memberEvents;
        this.transaction = transaction;
        this.bounds = bounds;
        this.filterLimits = filterLimits;
        this.patches = new PatchApplier(GroupSchema.SCHEMA, filterLimits);
        this.groupPatch = new GroupPatch(filterLimits);
        this.maxResults = maxResults;
    }

    public JsonReply list(ScimCall call, String filter, String startIndex, String count, String attributes,
                          String excludedAttributes, String sortBy, String sortOrder, String cursor) {
        return JsonReply.scimStreamed(200, page(call, filter, startIndex, count, attributes, excludedAttributes,
                sortBy, sortOrder, cursor));
    }

    /** A page of groups, read a chunk at a time as it is written; a group's members as it is written. */
    ListResponse.Streamed<StoredGroup> page(ScimCall call, String filter, String startIndex, String count, String attributes,
                                            String excludedAttributes, String sortBy, String sortOrder, String cursor) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes);
        ListQuery.Page<StoredGroup> page = directory.list(call.tenantId(),
                new ListQuery(filter, startIndex, count, sortBy, sortOrder, cursor), filterLimits, maxResults);
        return ListResponse.stream(page, chunk -> group -> selected(group, call, selection));
    }

    public JsonReply get(ScimCall call, String id, String attributes, String excludedAttributes,
                         @Header("If-None-Match") String ifNoneMatch) {
        StoredGroup group = directory.find(call.tenantId(), id).orElseThrow(() -> notFound(id));
        if (EntityTags.notModified(ifNoneMatch, etag(group))) {
            return JsonReply.notModified(etag(group));
        }
        return reply(200, group, call, AttributeSelection.of(attributes, excludedAttributes));
    }

    public JsonReply create(ScimCall call, byte[] body, String attributes, String excludedAttributes) {
        ObjectNode request = ScimJson.readObject(body);
        List<MemberOperation> members = List.of(new MemberOperation.Add(GroupPatch.membersOf(request)));
        ObjectNode attributesNode = GroupSchema.SCHEMA.canonicalize(withoutMembers(request));
        bounds.requireNew(GroupSchema.SCHEMA, "group", attributesNode);
        Instant now = now();
        StoredGroup group = new StoredGroup(call.tenantId(), UUID.randomUUID().toString(),
                attributesNode.path("displayName").asText(), text(attributesNode, "externalId"), 1, now, now);
        try {
            transaction.executeWithoutResult(status -> {
                directory.insert(group);
                Delta delta = membership.apply(call.tenantId(), group.id(), members);
                outbox.append(groupEvent(EventType.GROUP_CREATED, group, now));
                appendMemberEvents(group, delta, now);
            });
        } catch (DuplicateKeyException e) {
            throw duplicate(group.displayName());
        }
        JsonReply reply = reply(201, group, call, AttributeSelection.of(attributes, excludedAttributes));
        return reply.withHeader("Location", location(group, call.baseUrl()));
    }

    public JsonReply replace(ScimCall call, String id, byte[] body, String attributes, String excludedAttributes,
                             @Header("If-Match") String ifMatch) {
        ObjectNode request = ScimJson.readObject(body);
        List<Member> all = GroupPatch.membersOf(request);
        ObjectNode attributesNode = GroupSchema.SCHEMA.canonicalize(withoutMembers(request));
        StoredGroup group = change(call, id, ifMatch, current -> attributesNode, List.of(new MemberOperation.ReplaceAll(all)));
        return reply(200, group, call, AttributeSelection.of(attributes, excludedAttributes));
    }

    public JsonReply patch(ScimCall call, String id, byte[] body, String attributes, String excludedAttributes,
                           @Header("If-Match") String ifMatch) {
        GroupPatch.Split split = groupPatch.split(PatchOp.read(ScimJson.readObject(body)));
        StoredGroup group = change(call, id, ifMatch, current -> split.attributeOperations().isEmpty() ? current.attributes()
                : GroupSchema.SCHEMA.canonicalize(patches.apply(current.attributes(), split.attributeOperations())),
                split.memberOperations());
        if (attributes == null && excludedAttributes == null) {
            return JsonReply.noContent().withHeader("ETag", etag(group));
        }
        return reply(200, group, call, AttributeSelection.of(attributes, excludedAttributes));
    }

    public JsonReply delete(ScimCall call, String id, @Header("If-Match") String ifMatch) {
        transaction.executeWithoutResult(status -> {
            StoredGroup current = directory.findForUpdate(call.tenantId(), id).orElseThrow(() -> notFound(id));
            EntityTags.requireMatch(ifMatch, etag(current));
            Instant now = now();
            StoredGroup deleted = current.touched(now);
            List<String> members = directory.memberIds(call.tenantId(), id);
            directory.delete(call.tenantId(), id);
            appendMemberEvents(deleted, new Delta(List.of(), members), now);
            outbox.append(groupEvent(EventType.GROUP_DELETED, deleted, now));
        });
        return JsonReply.noContent();
    }

    /**
     * Takes a user out of every group, as part of deleting the user: each group's version moves
     * and a members.removed event says so, like any other membership change.
     */
    void removeFromAllGroups(String tenantId, String userId, Instant now) {
        for (StoredGroup group : directory.groupsOfForUpdate(tenantId, userId)) {
            StoredGroup changed = group.touched(now);
            directory.removeMembers(tenantId, group.id(), List.of(userId));
            directory.update(changed);
            appendMemberEvents(changed, new Delta(List.of(), List.of(userId)), now);
        }
    }

    private interface AttributeChange {
        ObjectNode apply(StoredGroup current);
    }

    /**
     * If-Match is checked on the locked row, so no other write can slip in between the check and
     * this one; a failed check throws before any attribute or member row is touched.
     */
    private StoredGroup change(ScimCall call, String id, String ifMatch, AttributeChange attributeChange,
                               List<MemberOperation> memberOperations) {
        try {
            return transaction.execute(status -> {
                StoredGroup current = directory.findForUpdate(call.tenantId(), id).orElseThrow(() -> notFound(id));
                EntityTags.requireMatch(ifMatch, etag(current));
                ObjectNode attributes = attributeChange.apply(current);
                if (!attributes.hasNonNull("displayName")) {
                    throw ScimException.invalidValue("The attribute 'displayName' is required.");
                }
                boolean renamed = !attributes.equals(current.attributes());
                if (renamed) {
                    bounds.require(GroupSchema.SCHEMA, "group", current.attributes(), attributes);
                }
                Delta delta = membership.apply(call.tenantId(), id, memberOperations);
                if (!renamed && delta.isEmpty()) {
                    return current;
                }
                Instant now = now();
                StoredGroup changed = current.changedTo(attributes, now);
                directory.update(changed);
                if (renamed) {
                    outbox.append(groupEvent(EventType.GROUP_UPDATED, changed, now));
                }
                appendMemberEvents(changed, delta, now);
                return changed;
            });
        } catch (DuplicateKeyException e) {
            throw duplicate(null);
        }
    }

    /**
     * Membership changes as events of at most a thousand members each and within the event size
     * bound ({@link MembershipEvents}): a thousand members with long display names would be over 1 MB.
     */
    private void appendMemberEvents(StoredGroup group, Delta delta, Instant now) {
        List<ObjectNode> added = delta.added().stream().map(m -> JsonNodeFactory.instance.objectNode()
                .put("value", m.value()).put("display", m.display())).toList();
        List<ObjectNode> removed = delta.removed().stream().map(id -> JsonNodeFactory.instance.objectNode()
                .put("value", id)).toList();
        memberEvents.split(group.tenantId(), group.id(), group.version(), EventType.GROUP_MEMBERS_ADDED, added, now)
                .forEach(outbox::append);
        memberEvents.split(group.tenantId(), group.id(), group.version(), EventType.GROUP_MEMBERS_REMOVED, removed, now)
                .forEach(outbox::append);
    }

    private static ProvisioningEvent groupEvent(EventType type, StoredGroup group, Instant now) {
        ObjectNode resource = JsonNodeFactory.instance.objectNode();
        resource.putArray("schemas").add(GroupSchema.CORE);
        resource.put("id", group.id());
        resource.setAll(group.attributes());
        return ProvisioningEvent.of(group.tenantId(), type, "Group", group.id(), group.version(), resource, now);
    }

    private static ObjectNode withoutMembers(ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        copy.properties().removeIf(e -> e.getKey().equalsIgnoreCase("members"));
        return copy;
    }

    private JsonReply reply(int status, StoredGroup group, ScimCall call, AttributeSelection selection) {
        return JsonReply.scim(status, selected(group, call, selection)).withHeader("ETag", etag(group));
    }

    /**
     * The group as the request selected it. Its members, when selected, are read as the answer is
     * written ({@link GroupMembers}), so a large group is never held whole.
     */
    private ObjectNode selected(StoredGroup group, ScimCall call, AttributeSelection selection) {
        return selection.apply(representation(group, call.baseUrl(), selection.includes("members")
                ? new GroupMembers(directory, call.tenantId(), group.id(), call.baseUrl(), selection) : null));
    }

    static ObjectNode representation(StoredGroup group, String baseUrl, GroupMembers members) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.putArray("schemas").add(GroupSchema.CORE);
        node.put("id", group.id());
        node.setAll(group.attributes());
        if (members != null) {
            node.set("members", new POJONode(members));
        }
        ObjectNode meta = node.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", group.created().toString());
        meta.put("lastModified", group.lastModified().toString());
        meta.put("location", location(group, baseUrl));
        meta.put("version", etag(group));
        return node;
    }

    private static String location(StoredGroup group, String baseUrl) {
        return baseUrl + "/scim/v2/Groups/" + group.id();
    }

    private static String etag(StoredGroup group) {
        return "W/\"" + group.version() + "\"";
    }

    private static String text(ObjectNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ScimException notFound(String id) {
        return ScimException.notFound("No group with id '" + id + "'.");
    }

    private static ScimException duplicate(String displayName) {
        return ScimException.uniqueness(displayName == null
                ? "Another group already has this displayName."
                : "A group with displayName '" + displayName + "' already exists.");
    }
}
