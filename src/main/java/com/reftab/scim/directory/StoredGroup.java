package com.reftab.scim.directory;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A group as the directory keeps it; its members are rows of their own. */
public record StoredGroup(String tenantId, String id, String displayName, String externalId, long version,
                          Instant created, Instant lastModified) implements StoredResource {

    /** The group's own attributes (without members), the form PATCH and PUT work on. */
    public ObjectNode attributes() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("displayName", displayName);
        if (externalId != null) {
            node.put("externalId", externalId);
        }
        return node;
    }

    public StoredGroup changedTo(ObjectNode attributes, Instant now) {
        return new StoredGroup(tenantId, id, attributes.path("displayName").asText(),
                attributes.hasNonNull("externalId") ? attributes.get("externalId").asText() : null,
                version + 1, created, now);
    }

    public StoredGroup touched(Instant now) {
        return new StoredGroup(tenantId, id, displayName, externalId, version + 1, created, now);
    }
}
