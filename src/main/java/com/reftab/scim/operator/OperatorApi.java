package com.reftab.scim.operator;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.auth.TenantProvisioning;
import com.reftab.scim.auth.TenantProvisioning.NewTenant;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ScimJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The operator's API: one tenant per customer organisation, with what its IdP and admins need. */
@Component("operatorApi")
public class OperatorApi {

    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}[a-z0-9]");

    private final TenantProvisioning provisioning;
    private final JdbcTemplate jdbc;

    public OperatorApi(TenantProvisioning provisioning, JdbcTemplate jdbc) {
        this.provisioning = provisioning;
        this.jdbc = jdbc;
    }

    public JsonReply createTenant(ApiRequest request) {
        ObjectNode body = ScimJson.readObject(request.body());
        String id = text(body.get("id"));
        if (id == null || !TENANT_ID.matcher(id).matches()) {
            throw ScimException.invalidValue("'id' is 3 to 64 lower-case letters, digits and dashes.");
        }
        String name = text(body.get("name"));
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ScimException.invalidValue("'name' is a string of 1 to 200 characters.");
        }
        NewTenant tenant = provisioning.create(id, name.trim());
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        reply.put("id", tenant.id());
        reply.put("name", tenant.name());
        reply.put("scimEndpoint", request.call().baseUrl() + "/scim/v2");
        reply.put("scimToken", tenant.scimToken());
        reply.put("adminToken", tenant.adminToken());
        return JsonReply.json(201, reply);
    }

    public JsonReply tenants(ApiRequest request) {
        return JsonReply.jsonList("tenants", jdbc.query("select id, name, created_at from tenant order by id",
                (rs, row) -> JsonNodeFactory.instance.objectNode().put("id", rs.getString("id")).put("name", rs.getString("name"))
                        .put("createdAt", rs.getTimestamp("created_at").toInstant().toString())));
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
