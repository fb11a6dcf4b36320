package com.reftab.scim.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Splits a membership change into {@code group.members.added} or {@code .removed} events of at
 * most {@value #MEMBERS_PER_EVENT} members and at most the event size bound each, so a push of
 * many members with long display names is published in several events rather than refused.
 * Sizes are measured exactly as the outbox serialises the event.
 */
@Component("membershipEvents")
public class MembershipEvents {

    public static final int MEMBERS_PER_EVENT = 1000;

    private final ObjectMapper mapper;
    private final int maxEventBytes;

    @Autowired
    public MembershipEvents(ObjectMapper mapper, EventSizeLimit limit) {
        this(mapper, limit.maxBytes());
    }

    MembershipEvents(ObjectMapper mapper, int maxEventBytes) {
        this.mapper = mapper;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * @param type    {@link EventType#GROUP_MEMBERS_ADDED} or {@link EventType#GROUP_MEMBERS_REMOVED}
     * @param members each member as it appears in {@code data.members}
     */
    public List<ProvisioningEvent> split(String tenantId, String groupId, long version, EventType type,
                                         List<ObjectNode> members, Instant time) {
        List<ProvisioningEvent> events = new ArrayList<>();
        int envelope = size(event(tenantId, groupId, version, type, List.of(), time).toCloudEvent());
        List<ObjectNode> chunk = new ArrayList<>();
        long chunkBytes = envelope;
        for (ObjectNode member : members) {
            int memberBytes = size(member);
            long grown = chunkBytes + memberBytes + (chunk.isEmpty() ? 0 : 1); // a comma between members
            if (!chunk.isEmpty() && (chunk.size() == MEMBERS_PER_EVENT || grown > maxEventBytes)) {
                events.add(event(tenantId, groupId, version, type, chunk, time));
                chunk = new ArrayList<>();
                grown = envelope + memberBytes;
            }
            chunk.add(member);
            chunkBytes = grown;
        }
        if (!chunk.isEmpty()) {
            events.add(event(tenantId, groupId, version, type, chunk, time));
        }
        return events;
    }

    private static ProvisioningEvent event(String tenantId, String groupId, long version, EventType type,
                                           List<ObjectNode> members, Instant time) {
        ObjectNode data = ProvisioningEvent.data(tenantId, "Group", groupId, version);
        ArrayNode array = data.putArray("members");
        members.forEach(array::add);
        return ProvisioningEvent.withData(tenantId, type, "Groups/" + groupId, data, time);
    }

    private int size(ObjectNode node) {
        try {
            return mapper.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
