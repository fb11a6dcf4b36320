package com.reftab.scim.protocol.patch;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ScimJson;

/**
 * A PatchOp request (RFC 7644 §3.5.2), checked once and read into typed operations that the
 * attribute patch ({@link PatchApplier}) and a group's member operations ({@link GroupPatch}) share.
 * {@code Operations} may be spelled {@code operations}; an absent {@code schemas} is accepted.
 */
public record PatchOp(List<PatchOperation> operations) {

    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public static PatchOp read(ObjectNode request) {
        ScimJson.requireSchema(request.get("schemas"), SCHEMA);
        JsonNode operations = request.get("Operations");
        if (operations == null) {
            operations = request.get("operations");
        }
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("A PatchOp needs a non-empty 'Operations' array.");
        }
        List<PatchOperation> read = new ArrayList<>();
        for (JsonNode operation : operations) {
            read.add(PatchOperation.read(operation));
        }
        return new PatchOp(List.copyOf(read));
    }
}
