package com.reftab.scim.http;

import java.util.List;
import java.util.Locale;

import com.reftab.scim.resources.ResourceType;
import com.reftab.scim.resources.ResourceTypes;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The REST verbs of every registered resource type (RFC 7644 §3), generated from the registry so
 * a new type needs no route of its own: {@code GET /scim/v2/Users} is the REST route
 * {@code rest-scim-users-list}, handing off to {@code direct:scim-users-list}, which names the
 * type and hands off to the flow all types share, {@code direct:scim-resource-list}
 * ({@code routes/scim-api.yaml}). Route ids name the operation in the request log and metrics.
 */
@Component
public class ScimResourceRoutes extends RouteBuilder {

    /** The operations of a resource type, each the suffix of its routes' ids and of its shared flow. */
    static final List<String> OPERATIONS = List.of("list", "get", "create", "search", "replace", "patch", "delete");

    private final ResourceTypes types;

    public ScimResourceRoutes(ResourceTypes types) {
        this.types = types;
    }

    @Override
    public void configure() {
        for (ResourceType<?> type : types.all()) {
            String name = "scim-" + type.endpoint().toLowerCase(Locale.ROOT);
            rest("/scim/v2/" + type.endpoint()).id(name + "-api")
                    .get().id("rest-" + name + "-list").to("direct:" + name + "-list")
                    .get("/{id}").id("rest-" + name + "-get").to("direct:" + name + "-get")
                    .post().id("rest-" + name + "-create").to("direct:" + name + "-create")
                    .post("/.search").id("rest-" + name + "-search").to("direct:" + name + "-search")
                    .put("/{id}").id("rest-" + name + "-replace").to("direct:" + name + "-replace")
                    .patch("/{id}").id("rest-" + name + "-patch").to("direct:" + name + "-patch")
                    .delete("/{id}").id("rest-" + name + "-delete").to("direct:" + name + "-delete");
            for (String operation : OPERATIONS) {
                from("direct:" + name + "-" + operation).routeId(name + "-" + operation)
                        .setProperty(ScimRequestReader.RESOURCE_TYPE, constant(type.endpoint()))
                        .to("direct:scim-resource-" + operation);
            }
        }
    }
}
