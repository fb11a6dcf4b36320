package com.reftab.scim.scim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;

/** A SCIM ListResponse (RFC 7644 §3.4.2): integer counts, 1-based startIndex, the page's resources. */
public final class ListResponse {

    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private ListResponse() {
    }

    public static ObjectNode of(long totalResults, long startIndex, List<ObjectNode> resources) {
        return of(totalResults, startIndex, resources, Function.identity());
    }

    /**
     * A page whose resources are made from their stored rows one at a time, as the answer is
     * written: a page holds its rows and one resource's tree, never the trees of all of them
     * (a tree is several times the size of its row).
     */
    public static <T> ObjectNode of(long totalResults, long startIndex, List<T> rows, Function<T, ObjectNode> resource) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(SCHEMA);
        body.put("totalResults", totalResults);
        body.put("startIndex", startIndex);
        body.put("itemsPerPage", rows.size());
        body.set("Resources", new POJONode(new Resources<>(rows, resource)));
        return body;
    }

    /** The resources of a ListResponse made by {@link #of}, as trees: for a caller that combines pages. */
    public static List<ObjectNode> resources(JsonNode listResponse) {
        JsonNode resources = listResponse.get("Resources");
        if (resources instanceof POJONode pojo && pojo.getPojo() instanceof Resources<?> rendered) {
            return rendered.all();
        }
        List<ObjectNode> all = new ArrayList<>();
        if (resources != null) {
            resources.forEach(resource -> all.add((ObjectNode) resource));
        }
        return all;
    }

    /** Writes each resource as it is made, so only one resource's tree exists at a time. */
    private record Resources<T>(List<T> rows, Function<T, ObjectNode> resource) implements JsonSerializable {

        @Override
        public void serialize(JsonGenerator generator, SerializerProvider serializers) throws IOException {
            generator.writeStartArray(this, rows.size());
            for (T row : rows) {
                generator.writeTree(resource.apply(row));
            }
            generator.writeEndArray();
        }

        @Override
        public void serializeWithType(JsonGenerator generator, SerializerProvider serializers, TypeSerializer typeSerializer)
                throws IOException {
            serialize(generator, serializers);
        }

        List<ObjectNode> all() {
            return rows.stream().map(resource).toList();
        }
    }
}
