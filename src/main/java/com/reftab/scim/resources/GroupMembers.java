package com.reftab.scim.resources;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.directory.GroupDirectory;
import com.reftab.scim.directory.GroupDirectory.PositionedMember;
import com.reftab.scim.protocol.AttributeSelection;

/**
 * A group's {@code members}, read from the directory {@link #CHUNK} at a time while the group is
 * written: a group of 100,000 members holds one chunk of member rows at a time and no member as a
 * tree once written, where it held all their rows and trees at once. Each member is written with
 * the sub-attributes the request selected.
 */
final class GroupMembers implements JsonSerializable {

    /** Members read at a time. */
    static final int CHUNK = 1000;

    private final GroupDirectory directory;
    private final String tenantId;
    private final String groupId;
    private final String baseUrl;
    private final AttributeSelection selection;

    GroupMembers(GroupDirectory directory, String tenantId, String groupId, String baseUrl, AttributeSelection selection) {
        this.directory = directory;
        this.tenantId = tenantId;
        this.groupId = groupId;
        this.baseUrl = baseUrl;
        this.selection = selection;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider serializers) throws IOException {
        generator.writeStartArray();
        long after = 0;
        List<PositionedMember> chunk;
        do {
            chunk = directory.membersAfter(tenantId, groupId, after, CHUNK);
            for (PositionedMember member : chunk) {
                generator.writeTree(member(member));
                after = member.seq();
            }
        } while (chunk.size() == CHUNK);
        generator.writeEndArray();
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider serializers, TypeSerializer typeSerializer)
            throws IOException {
        serialize(generator, serializers);
    }

    private ObjectNode member(PositionedMember positioned) {
        ObjectNode member = JsonNodeFactory.instance.objectNode();
        member.put("value", positioned.member().value());
        if (positioned.member().display() != null) {
            member.put("display", positioned.member().display());
        }
        member.put("$ref", baseUrl + "/scim/v2/Users/" + positioned.member().value());
        member.put("type", "User");
        selection.selectSubAttributes("members", member);
        return member;
    }
}
