package com.reftab.scim.protocol.patch;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.reftab.scim.protocol.ScimException;

/**
 * One operation of a PatchOp (RFC 7644 §3.5.2), read once: its op, its path (null when the
 * operation has none, as a path-less value), and its value as sent (null when absent).
 */
public record PatchOperation(Op op, String path, JsonNode value) {

    public enum Op { ADD, REPLACE, REMOVE }

    /** Op names in any letter case, as Entra sends {@code Add} and {@code Remove}. */
    static PatchOperation read(JsonNode operation) {
        if (!operation.isObject()) {
            throw ScimException.invalidSyntax("Each operation must be an object.");
        }
        return new PatchOperation(op(operation.get("op")), path(operation.get("path")), operation.get("value"));
    }

    private static Op op(JsonNode op) {
        if (op != null && op.isTextual()) {
            switch (op.asText().toLowerCase(Locale.ROOT)) {
                case "add": return Op.ADD;
                case "replace": return Op.REPLACE;
                case "remove": return Op.REMOVE;
                default: break;
            }
        }
        throw ScimException.invalidSyntax("'op' must be add, replace or remove.");
    }

    private static String path(JsonNode path) {
        if (path == null || path.isNull() || (path.isTextual() && path.asText().isBlank())) {
            return null;
        }
        if (!path.isTextual()) {
            throw ScimException.badRequest("invalidPath", "'path' must be a string.");
        }
        return path.asText();
    }

    /** The same operation with another value: what is left of a path-less value once part of it is taken out. */
    public PatchOperation withValue(JsonNode newValue) {
        return new PatchOperation(op, path, newValue);
    }
}
