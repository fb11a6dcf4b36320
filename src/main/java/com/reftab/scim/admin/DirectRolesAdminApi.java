package com.reftab.scim.admin;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.events.EventType;
import com.reftab.scim.events.ProvisioningEvent;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.outbox.Outbox;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ScimJson;
import com.reftab.scim.roles.DirectRolesSetting;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tenant's {@code directRolesAuthoritative} setting. A change is stored with its event in one
 * transaction; the role-mapping route then works out every account's role again.
 */
@Component("directRolesAdminApi")
public class DirectRolesAdminApi {

    private static final String FIELD = "directRolesAuthoritative";

    private final DirectRolesSetting setting;
    private final Outbox outbox;
    private final TransactionTemplate transaction;

    public DirectRolesAdminApi(DirectRolesSetting setting, Outbox outbox, TransactionTemplate transaction) {
        this.setting = setting;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    public JsonReply get(ApiRequest request) {
        return JsonReply.json(200, JsonNodeFactory.instance.objectNode().put(FIELD, setting.authoritative(request.tenantId())));
    }

    public JsonReply set(ApiRequest request) {
        String tenantId = request.tenantId();
        JsonNode value = ScimJson.readObject(request.body()).get(FIELD);
        if (value == null || !value.isBoolean()) {
            throw ScimException.invalidValue("'" + FIELD + "' must be true or false.");
        }
        boolean authoritative = value.booleanValue();
        transaction.executeWithoutResult(status -> {
            if (setting.authoritativeForUpdate(tenantId) == authoritative) {
                return;
            }
            long version = setting.set(tenantId, authoritative);
            ObjectNode data = JsonNodeFactory.instance.objectNode().put("tenantId", tenantId)
                    .put(FIELD, authoritative).put("version", version);
            outbox.append(ProvisioningEvent.withData(tenantId, EventType.DIRECT_ROLES_SETTING_CHANGED,
                    "Tenants/" + tenantId, data, Instant.now()));
        });
        return JsonReply.json(200, JsonNodeFactory.instance.objectNode().put(FIELD, authoritative));
    }
}
