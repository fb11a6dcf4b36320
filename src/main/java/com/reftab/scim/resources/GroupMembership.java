package com.reftab.scim.resources;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.directory.GroupDirectory;
import com.reftab.scim.directory.MembershipUpdate.Delta;
import com.reftab.scim.directory.StoredGroup;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.MembershipEvents;
import com.reftab.scim.outbox.Outbox;
import org.springframework.stereotype.Component;

/** The events of membership changes, whichever resource's write makes them: a group's, or a user's deletion. */
@Component
class GroupMembership {

    private final GroupDirectory directory;
    private final Outbox outbox;
    private final MembershipEvents memberEvents;

    GroupMembership(GroupDirectory directory, Outbox outbox, MembershipEvents memberEvents) {
        this.directory = directory;
        this.outbox = outbox;
        this.memberEvents = memberEvents;
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

    /**
     * Membership changes as events of at most a thousand members each and within the event size
     * bound ({@link MembershipEvents}): a thousand members with long display names would be over 1 MB.
     */
    void appendMemberEvents(StoredGroup group, Delta delta, Instant now) {
        List<ObjectNode> added = delta.added().stream().map(m -> JsonNodeFactory.instance.objectNode()
                .put("value", m.value()).put("display", m.display())).toList();
        List<ObjectNode> removed = delta.removed().stream().map(id -> JsonNodeFactory.instance.objectNode()
                .put("value", id)).toList();
        memberEvents.split(group.tenantId(), group.id(), group.version(), EventType.GROUP_MEMBERS_ADDED, added, now)
                .forEach(outbox::appendAfterDirectoryWrite);
        memberEvents.split(group.tenantId(), group.id(), group.version(), EventType.GROUP_MEMBERS_REMOVED, removed, now)
                .forEach(outbox::appendAfterDirectoryWrite);
    }
}
