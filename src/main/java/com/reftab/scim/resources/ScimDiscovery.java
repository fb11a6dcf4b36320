package com.reftab.scim.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.protocol.Attribute;
import com.reftab.scim.protocol.ListResponse;
import com.reftab.scim.protocol.ResourceSchema;
import com.reftab.scim.protocol.ScimException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What the service supports (RFC 7644 §4): ServiceProviderConfig, ResourceTypes and Schemas,
 * the last generated from the same attribute definitions that validate requests.
 */
@Component("scimDiscovery")
public class ScimDiscovery {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    private static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    private static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    private final ResourceTypes types;
    private final int maxResults;
    private final long maxBodyBytes;
    private final int maxBulkOperations;

    @Autowired
    public ScimDiscovery(ResourceTypes types, ScimLimits limits) {
        this(types, limits.maxResults(), limits.maxBodyBytes(), limits.bulk().maxOperations());
    }

    public ScimDiscovery(ResourceTypes types, int maxResults, long maxBodyBytes, int maxBulkOperations) {
        this.types = types;
        this.maxResults = maxResults;
        this.maxBodyBytes = maxBodyBytes;
        this.maxBulkOperations = maxBulkOperations;
    }

    public ResourceResult serviceProviderConfig() {
        ObjectNode spc = JSON.objectNode();
        spc.putArray("schemas").add(SPC);
        spc.put("documentationUri", "https://www.reftab.com/");
        spc.putObject("patch").put("supported", true);
        // A bulk request is one request body, so the body limit is its payload limit.
        spc.putObject("bulk").put("supported", true).put("maxOperations", maxBulkOperations)
                .put("maxPayloadSize", maxBodyBytes);
        spc.putObject("filter").put("supported", true).put("maxResults", maxResults);
        spc.putObject("changePassword").put("supported", false);
        spc.putObject("sort").put("supported", true);
        spc.putObject("etag").put("supported", true);
        spc.putObject("pagination").put("cursor", true).put("index", true)
                .put("defaultPaginationMethod", "index").put("defaultPageSize", maxResults).put("maxPageSize", maxResults);
        ObjectNode bearer = spc.putArray("authenticationSchemes").addObject();
        bearer.put("type", "oauthbearertoken");
        bearer.put("name", "Bearer token");
        bearer.put("description", "The SCIM token from Reftab's Configure SCIM screen, sent as 'Authorization: Bearer <token>'.");
        bearer.put("primary", true);
        spc.putObject("meta").put("resourceType", "ServiceProviderConfig");
        return ResourceResult.of(200, spc);
    }

    public ResourceResult resourceTypes() {
        return ResourceResult.of(200, list(resourceTypeList()));
    }

    /** One resource type by its id, {@code User} or {@code Group} (RFC 7644 §4), in any letter case. */
    public ResourceResult resourceType(String id) {
        return ResourceResult.of(200, byId(resourceTypeList(), id)
                .orElseThrow(() -> ScimException.notFound("No resource type '" + id + "'.")));
    }

    private List<ObjectNode> resourceTypeList() {
        List<ObjectNode> list = new ArrayList<>();
        for (ResourceType<?> resourceType : types.all()) {
            ResourceSchema schema = resourceType.schema();
            ObjectNode type = newResourceType(resourceType.name(), "/" + resourceType.endpoint(),
                    resourceType.definition().description(), schema.coreUrn());
            if (schema.extensionUrn() != null) {
                type.putArray("schemaExtensions").addObject().put("schema", schema.extensionUrn()).put("required", false);
            }
            list.add(type);
        }
        return list;
    }

    private static ObjectNode newResourceType(String name, String endpoint, String description, String schema) {
        ObjectNode type = JSON.objectNode();
        type.putArray("schemas").add(RESOURCE_TYPE);
        type.put("id", name);
        type.put("name", name);
        type.put("endpoint", endpoint);
        type.put("description", description);
        type.put("schema", schema);
        type.putObject("meta").put("resourceType", "ResourceType");
        return type;
    }

    public ResourceResult schemas() {
        return ResourceResult.of(200, list(schemaList()));
    }

    /** One schema by its URN; URNs compare in any letter case, as SCIM attribute URNs do. */
    public ResourceResult schema(String id) {
        return ResourceResult.of(200, byId(schemaList(), id)
                .orElseThrow(() -> ScimException.notFound("No schema '" + id + "'.")));
    }

    /** Each resource type's schema, then its extension. */
    private List<ObjectNode> schemaList() {
        List<ObjectNode> list = new ArrayList<>();
        for (ResourceType<?> type : types.all()) {
            ResourceSchema schema = type.schema();
            list.add(newSchema(schema.coreUrn(), type.name(), schema.coreDescription(), schema.core()));
            if (schema.extensionUrn() != null) {
                list.add(newSchema(schema.extensionUrn(), type.definition().extensionName(), schema.extensionDescription(),
                        schema.extension()));
            }
        }
        return list;
    }

    private static Optional<ObjectNode> byId(List<ObjectNode> resources, String id) {
        return resources.stream().filter(resource -> resource.path("id").asText().equalsIgnoreCase(id)).findFirst();
    }

    private static ObjectNode list(List<ObjectNode> resources) {
        return ListResponse.of(resources.size(), 1, resources);
    }

    private static ObjectNode newSchema(String id, String name, String description, List<Attribute> attributes) {
        ObjectNode schema = JSON.objectNode();
        schema.putArray("schemas").add(SCHEMA);
        schema.put("id", id);
        schema.put("name", name);
        schema.put("description", description);
        schema.set("attributes", attributes(attributes));
        schema.putObject("meta").put("resourceType", "Schema");
        return schema;
    }

    /** Every characteristic of RFC 7643 §7, each read from the definition that validates and filters. */
    private static ArrayNode attributes(List<Attribute> attributes) {
        ArrayNode out = JSON.arrayNode();
        for (Attribute attribute : attributes) {
            ObjectNode node = out.addObject();
            node.put("name", attribute.name());
            node.put("type", typeName(attribute.type()));
            node.put("multiValued", attribute.multiValued());
            node.put("description", attribute.description());
            node.put("required", attribute.required());
            node.put("caseExact", attribute.caseExact());
            node.put("mutability", camel(attribute.mutability().name()));
            node.put("returned", camel(attribute.returned().name()));
            node.put("uniqueness", camel(attribute.uniqueness().name()));
            if (attribute.type() == Attribute.Type.REFERENCE) {
                ArrayNode referenceTypes = node.putArray("referenceTypes");
                attribute.referenceTypes().forEach(referenceTypes::add);
            }
            if (!attribute.canonicalValues().isEmpty()) {
                ArrayNode canonicalValues = node.putArray("canonicalValues");
                attribute.canonicalValues().forEach(canonicalValues::add);
            }
            if (!attribute.subAttributes().isEmpty()) {
                node.set("subAttributes", attributes(attribute.subAttributes()));
            }
        }
        return out;
    }

    private static String typeName(Attribute.Type type) {
        return type == Attribute.Type.DATE_TIME ? "dateTime" : type.name().toLowerCase(Locale.ROOT);
    }

    private static String camel(String constant) {
        String[] parts = constant.toLowerCase(Locale.ROOT).split("_");
        return parts.length == 1 ? parts[0] : parts[0] + Character.toUpperCase(parts[1].charAt(0)) + parts[1].substring(1);
    }
}
