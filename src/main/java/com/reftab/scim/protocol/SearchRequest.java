package com.reftab.scim.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of a {@code POST …/.search} (RFC 7644 §3.4.3), turned into the query parameters a GET
 * list takes, so a search answers exactly what the same GET would: numbers become their decimal
 * text, attribute arrays comma lists. {@code cursor} (RFC 9865) pages as it does on GET. Keys are case-insensitive like every SCIM attribute name;
 * unknown keys are ignored and an absent {@code schemas} is accepted, as for resources and PatchOps.
 */
public record SearchRequest(String filter, String startIndex, String count, String attributes,
                     String excludedAttributes, String sortBy, String sortOrder, String cursor) {

    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    public static SearchRequest read(byte[] body) {
        Map<String, JsonNode> fields = ScimJson.fieldsIgnoringCase(ScimJson.readObject(body));
        ScimJson.requireSchema(fields.get("schemas"), SCHEMA);
        return new SearchRequest(
                text(fields, "filter"),
                integer(fields, "startIndex"),
                integer(fields, "count"),
                names(fields, "attributes"),
                names(fields, "excludedAttributes"),
                text(fields, "sortBy"),
                text(fields, "sortOrder"),
                text(fields, "cursor"));
    }

    private static String text(Map<String, JsonNode> fields, String name) {
        JsonNode value = ScimJson.field(fields, name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimException.invalidValue("'" + name + "' must be a string.");
        }
        return value.asText();
    }

    /** A JSON integer, or a string the list's own paging check reads (some clients quote numbers). */
    private static String integer(Map<String, JsonNode> fields, String name) {
        JsonNode value = ScimJson.field(fields, name);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() || value.isTextual()) {
            return value.asText();
        }
        throw ScimException.invalidValue("'" + name + "' must be an integer.");
    }

    /** An array of attribute names as the comma list the GET parameter carries; a comma list as a string is taken too. */
    private static String names(Map<String, JsonNode> fields, String name) {
        JsonNode value = ScimJson.field(fields, name);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (!value.isArray()) {
            throw ScimException.invalidValue("'" + name + "' must be an array of attribute names.");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw ScimException.invalidValue("'" + name + "' must be an array of attribute names.");
            }
            names.add(element.asText());
        }
        return names.isEmpty() ? null : String.join(",", names);
    }
}
