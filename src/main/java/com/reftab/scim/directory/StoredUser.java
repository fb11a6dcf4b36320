package com.reftab.scim.directory;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A user as the directory keeps it: the canonical SCIM attributes plus identity and versioning. */
public record StoredUser(String tenantId, String id, ObjectNode attributes, long version,
                         Instant created, Instant lastModified) implements StoredResource {

    public String userName() {
        return attributes.path("userName").asText();
    }

    public boolean active() {
        return attributes.path("active").asBoolean(true);
    }

    public StoredUser changedTo(ObjectNode newAttributes, Instant now) {
        return new StoredUser(tenantId, id, newAttributes, version + 1, created, now);
    }
}
