package com.reftab.scim.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One provisioning event as a CloudEvents 1.0 JSON document (structured mode). {@code data} holds
 * the tenant, the resource type, id and version, and a snapshot of the resource after the change.
 */
public record ProvisioningEvent(String id, String tenantId, EventType type, String subject, Instant time, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String MEDIA_TYPE = "application/cloudevents+json; charset=UTF-8";

    /** An event about a resource, carrying its snapshot after the change. */
    public static ProvisioningEvent of(String tenantId, EventType type, String resourceType, String resourceId,
                                       long version, JsonNode resource, Instant time) {
        ObjectNode data = data(tenantId, resourceType, resourceId, version);
        data.set("resource", resource);
        return withData(tenantId, type, resourceType + "s/" + resourceId, data, time);
    }

    /** The common head of {@code data}: tenant, resource type, id and version. */
    public static ObjectNode data(String tenantId, String resourceType, String resourceId, long version) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("tenantId", tenantId);
        data.put("resourceType", resourceType);
        data.put("id", resourceId);
        data.put("version", version);
        return data;
    }

    public static ProvisioningEvent withData(String tenantId, EventType type, String subject, ObjectNode data, Instant time) {
        return new ProvisioningEvent(UUID.randomUUID().toString(), tenantId, type, subject,
                time.truncatedTo(ChronoUnit.MILLIS), data);
    }

    public String source() {
        return "/tenants/" + tenantId + "/scim/v2";
    }

    public ObjectNode toCloudEvent() {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("specversion", SPEC_VERSION);
        event.put("id", id);
        event.put("source", source());
        event.put("type", type.type());
        event.put("subject", subject);
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.put("tenantid", tenantId);
        event.set("data", data);
        return event;
    }
}
