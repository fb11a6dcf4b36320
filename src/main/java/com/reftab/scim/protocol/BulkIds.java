package com.reftab.scim.protocol;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The bulkIds of one bulk request (RFC 7644 §3.7.2): which POST declared each, the id it created,
 * and the replacement of {@code "bulkId:<bulkId>"} references in later operations by that id.
 *
 * <p>A reference is a whole string value ({@code "value":"bulkId:qwerty"}, a path segment
 * {@code /Users/bulkId:qwerty}); text that merely contains one is data and stays as it is.
 * Operations run in request order, so a reference resolves only to a POST before it that
 * succeeded. Anything else, a failed POST, a bulkId no operation declared, a POST further on and
 * with it every circular reference, is a 409 Conflict, the status RFC 7644 §3.7.1 gives for
 * references the service does not resolve. It has no {@code scimType}: RFC 7644 §3.12 defines
 * none for a 409 but {@code uniqueness}, which this is not.
 */
public final class BulkIds {

    public static final String REFERENCE_PREFIX = "bulkId:";

    private final Set<String> declared = new HashSet<>();
    private final Map<String, String> createdIds = new HashMap<>();
    private final Set<String> failed = new HashSet<>();

    /** Records that a POST declares {@code bulkId}; a bulkId is unique within its request. */
    public void declare(String bulkId) {
        if (!declared.add(bulkId)) {
            throw ScimException.invalidValue("The bulkId '" + bulkId + "' is already declared by an earlier "
                    + "operation of this request; each POST needs its own.");
        }
    }

    public void created(String bulkId, String id) {
        createdIds.put(bulkId, id);
    }

    public void failed(String bulkId) {
        failed.add(bulkId);
    }

    /** {@code value} itself, or the id its bulkId reference stands for. */
    public String resolve(String value) {
        if (!value.startsWith(REFERENCE_PREFIX)) {
            return value;
        }
        String bulkId = value.substring(REFERENCE_PREFIX.length());
        String id = createdIds.get(bulkId);
        if (id != null) {
            return id;
        }
        throw new ScimException(409, null, failed.contains(bulkId)
                ? "'" + value + "' cannot be resolved: the POST that declares bulkId '" + bulkId + "' failed."
                : "'" + value + "' cannot be resolved: no earlier POST of this request created bulkId '" + bulkId
                        + "'. Operations run in request order, so a reference must come after its POST; "
                        + "circular references are not resolved.");
    }

    /** A copy of {@code data} with every reference, at any depth, replaced by its id. */
    public JsonNode resolve(JsonNode data) {
        if (data.isTextual()) {
            return TextNode.valueOf(resolve(data.asText()));
        }
        if (data.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(data.size());
            data.forEach(element -> copy.add(resolve(element)));
            return copy;
        }
        if (data.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            data.properties().forEach(field -> copy.set(field.getKey(), resolve(field.getValue())));
            return copy;
        }
        return data;
    }
}
