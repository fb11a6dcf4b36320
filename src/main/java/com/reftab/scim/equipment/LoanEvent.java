package com.reftab.scim.equipment;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One loan event of the asset service (docs/events.md, "The loans topic"): an item checked out to a
 * person, returned, or written off. {@code version} orders the events of one item: the item's own
 * loan version when the asset service sends one, else the event time in milliseconds; at an equal
 * version a return or write-off beats a checkout (routes/equipment-holdings.yaml). The person
 * is named by SCIM user id, or by userName and/or e-mail for a loan made before provisioning.
 */
public record LoanEvent(String id, String tenantId, LoanType type, String itemId, long version, String name,
                        String category, String assetTag, BigDecimal value, String currency, String userId,
                        String userName, String email, Instant time) {

    public static final String SOURCE_PREFIX = "/tenants/";

    /** Reads a CloudEvent of the loans topic; whether its fields are within bounds is {@link LoanBounds}'s to say. */
    public static LoanEvent fromCloudEvent(JsonNode event) {
        LoanType type = LoanType.of(event.path("type").asText());
        if (type == null) {
            throw new InvalidLoan("The event type '" + event.path("type").asText() + "' is not a loan event.");
        }
        JsonNode data = event.path("data");
        Instant time = parseTime(text(data, "time") != null ? text(data, "time") : text(event, "time"));
        JsonNode version = data.get("version");
        if (version != null && !version.isNull() && !version.canConvertToLong()) {
            throw new InvalidLoan("'version' must be a whole number.");
        }
        JsonNode person = data.path("person");
        return new LoanEvent(text(event, "id"), text(data, "tenantId"), type, text(data, "itemId"),
                version == null || version.isNull() ? time.toEpochMilli() : version.asLong(),
                text(data, "name"), text(data, "category"), text(data, "assetTag"), decimal(data.get("value")),
                text(data, "currency"), text(person, "userId"), text(person, "userName"), text(person, "email"), time);
    }

    /** The event as the asset service publishes it: CloudEvents 1.0, structured JSON. */
    public ObjectNode toCloudEvent() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("tenantId", tenantId);
        data.put("itemId", itemId);
        data.put("version", version);
        putIfSet(data, "name", name);
        putIfSet(data, "category", category);
        putIfSet(data, "assetTag", assetTag);
        if (value != null) {
            data.put("value", value);
        }
        putIfSet(data, "currency", currency);
        ObjectNode person = JsonNodeFactory.instance.objectNode();
        putIfSet(person, "userId", userId);
        putIfSet(person, "userName", userName);
        putIfSet(person, "email", email);
        if (!person.isEmpty()) {
            data.set("person", person);
        }
        data.put("time", time.toString());
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("specversion", "1.0");
        event.put("id", id == null ? UUID.randomUUID().toString() : id);
        event.put("source", SOURCE_PREFIX + tenantId + "/assets");
        event.put("type", type.cloudEventType());
        event.put("subject", "items/" + itemId);
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.put("tenantid", tenantId);
        event.set("data", data);
        return event;
    }

    /** The statement parameters of the equipment-holdings route's write, by name. */
    public Map<String, Object> parameters() {
        // A HashMap, since most fields may be null.
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenantId", tenantId);
        parameters.put("itemId", itemId);
        parameters.put("status", type.status());
        parameters.put("version", version);
        parameters.put("userId", userId);
        parameters.put("userName", lower(userName));
        parameters.put("email", lower(email));
        parameters.put("name", name);
        parameters.put("category", category);
        parameters.put("assetTag", assetTag);
        parameters.put("value", value);
        parameters.put("currency", currency);
        parameters.put("time", Timestamp.from(time));
        return parameters;
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static Instant parseTime(String time) {
        if (time == null) {
            throw new InvalidLoan("A loan event must say when it happened ('time').");
        }
        try {
            return Instant.parse(time);
        } catch (RuntimeException e) {
            throw new InvalidLoan("'time' must be an RFC 3339 time, like 2026-01-31T09:00:00Z.");
        }
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new InvalidLoan("'value' must be a number.");
        }
        return value.decimalValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidLoan("'" + field + "' must be a string.");
        }
        return value.asText();
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
