package com.reftab.scim.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of a {@code POST /Bulk} (RFC 7644 §3.7), read for its structure: {@code failOnErrors}
 * and the operations. What an operation asks for (its method, path, bulkId, data) is checked when
 * it runs, so a bad operation fails on its own instead of failing the request. Keys are
 * case-insensitive like every SCIM attribute name; unknown keys are ignored and an absent
 * {@code schemas} is accepted, as for searches and PatchOps.
 */
public record BulkRequest(Integer failOnErrors, List<Operation> operations) {

    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    /** One operation as sent; a field is null when absent or JSON null. */
    public record Operation(JsonNode method, JsonNode bulkId, JsonNode path, JsonNode version, JsonNode data) {
    }

    /**
     * Refuses more than {@code maxOperations} operations with 413 (RFC 7644 §3.7.4) before reading
     * any of them.
     */
    public static BulkRequest read(byte[] body, int maxOperations) {
        Map<String, JsonNode> fields = ScimJson.fieldsIgnoringCase(ScimJson.readObject(body));
        ScimJson.requireSchema(fields.get("schemas"), SCHEMA);
        JsonNode operations = ScimJson.field(fields, "Operations");
        if (operations == null || !operations.isArray()) {
            throw ScimException.invalidSyntax("'Operations' is required: an array of the operations to perform.");
        }
        if (operations.size() > maxOperations) {
            throw new ScimException(413, null, "The bulk request has " + operations.size()
                    + " operations, more than maxOperations (" + maxOperations + ").");
        }
        List<Operation> read = new ArrayList<>();
        for (JsonNode operation : operations) {
            if (!(operation instanceof ObjectNode object)) {
                throw ScimException.invalidSyntax("Operation " + (read.size() + 1) + " is not a JSON object.");
            }
            Map<String, JsonNode> operationFields = ScimJson.fieldsIgnoringCase(object);
            read.add(new Operation(ScimJson.field(operationFields, "method"), ScimJson.field(operationFields, "bulkId"),
                    ScimJson.field(operationFields, "path"), ScimJson.field(operationFields, "version"), ScimJson.field(operationFields, "data")));
        }
        return new BulkRequest(failOnErrors(ScimJson.field(fields, "failOnErrors")), List.copyOf(read));
    }

    /** The text of an operation's field, null when absent; any other JSON type fails the operation. */
    public static String text(JsonNode value, String name) {
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimException.invalidValue("The operation's '" + name + "' must be a string.");
        }
        return value.asText();
    }

    /** A positive integer; some clients quote numbers, so its decimal text is taken too. */
    private static Integer failOnErrors(JsonNode value) {
        if (value == null) {
            return null;
        }
        String text = value.isIntegralNumber() || value.isTextual() ? value.asText().trim() : "";
        if (text.matches("[0-9]{1,9}") && Integer.parseInt(text) > 0) {
            return Integer.parseInt(text);
        }
        throw ScimException.invalidValue("'failOnErrors' must be a positive integer: the number of failed "
                + "operations after which the rest are not attempted.");
    }
}
