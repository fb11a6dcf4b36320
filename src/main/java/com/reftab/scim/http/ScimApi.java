package com.reftab.scim.http;

import java.util.LinkedHashMap;
import java.util.Map;

import com.reftab.scim.protocol.ScimJson;
import com.reftab.scim.protocol.patch.PatchOp;
import com.reftab.scim.resources.ResourceResult;
import com.reftab.scim.resources.ResourceType;
import com.reftab.scim.resources.ResourceTypes;
import com.reftab.scim.resources.Resources;
import com.reftab.scim.resources.ScimBulk;
import com.reftab.scim.resources.ScimDiscovery;
import com.reftab.scim.resources.ScimSearch;
import org.springframework.stereotype.Component;

/**
 * The SCIM API's routes call this with the request they read ({@link ScimRequest}); it calls the
 * resource services, which answer results, and turns each result into the reply the route writes.
 */
@Component("scimApi")
public class ScimApi {

    private final ResourceTypes types;
    private final Resources resources;
    private final ScimSearch search;
    private final ScimBulk bulk;
    private final ScimDiscovery discovery;

    public ScimApi(ResourceTypes types, Resources resources, ScimSearch search, ScimBulk bulk, ScimDiscovery discovery) {
        this.types = types;
        this.resources = resources;
        this.search = search;
        this.bulk = bulk;
        this.discovery = discovery;
    }

    public JsonReply list(ScimRequest request) {
        ResourceType<?> type = type(request);
        return reply(resources.list(request.call(), type, request.query(), request.selection(type.schema())));
    }

    public JsonReply get(ScimRequest request) {
        ResourceType<?> type = type(request);
        return reply(resources.get(request.call(), type, request.id(), request.selection(type.schema()),
                request.ifNoneMatch()));
    }

    public JsonReply create(ScimRequest request) {
        ResourceType<?> type = type(request);
        return reply(resources.create(request.call(), type, ScimJson.readObject(request.body()),
                request.selection(type.schema())));
    }

    public JsonReply replace(ScimRequest request) {
        ResourceType<?> type = type(request);
        return reply(resources.replace(request.call(), type, request.id(), ScimJson.readObject(request.body()),
                request.selection(type.schema()), request.ifMatch()));
    }

    public JsonReply patch(ScimRequest request) {
        ResourceType<?> type = type(request);
        return reply(resources.patch(request.call(), type, request.id(), PatchOp.read(ScimJson.readObject(request.body())),
                request.selection(type.schema()), request.ifMatch()));
    }

    public JsonReply delete(ScimRequest request) {
        return reply(resources.delete(request.call(), type(request), request.id(), request.ifMatch()));
    }

    public JsonReply search(ScimRequest request) {
        return reply(search.search(request.call(), type(request), request.body()));
    }

    public JsonReply searchAll(ScimRequest request) {
        return reply(search.all(request.call(), request.body()));
    }

    public JsonReply bulk(ScimRequest request) {
        return reply(bulk.apply(request.call(), request.body()));
    }

    public JsonReply serviceProviderConfig(ScimRequest request) {
        return reply(discovery.serviceProviderConfig());
    }

    public JsonReply resourceTypes(ScimRequest request) {
        return reply(discovery.resourceTypes());
    }

    public JsonReply resourceType(ScimRequest request) {
        return reply(discovery.resourceType(request.id()));
    }

    public JsonReply schemas(ScimRequest request) {
        return reply(discovery.schemas());
    }

    public JsonReply schema(ScimRequest request) {
        return reply(discovery.schema(request.id()));
    }

    private ResourceType<?> type(ScimRequest request) {
        return types.endpoint(request.endpoint());
    }

    static JsonReply reply(ResourceResult result) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (result.location() != null) {
            headers.put("Location", result.location());
        }
        if (result.etag() != null) {
            headers.put("ETag", result.etag());
        }
        String mediaType = result.body() == null && result.streamed() == null ? null : JsonReply.SCIM_JSON;
        return new JsonReply(result.status(), result.body(), result.streamed(), mediaType, Map.copyOf(headers));
    }
}
