package com.reftab.scim.operator;

import java.util.function.BiFunction;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.outbox.OutboxHolds;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ScimJson;
import org.springframework.stereotype.Component;

/**
 * The operator's side of relay holds: which tenants wait behind an event Kafka refused for good,
 * and letting one go on, either by parking that event (kept with its reason) or by having it sent
 * again once the cause is fixed. The request names the held event's sequence, so a repeated
 * request never parks the next event by mistake.
 */
@Component("outboxHoldApi")
public class OutboxHoldApi {

    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}[a-z0-9]");

    private final OutboxHolds holds;

    public OutboxHoldApi(OutboxHolds holds) {
        this.holds = holds;
    }

    public JsonReply holds(ApiRequest request) {
        return JsonReply.jsonList("holds", holds.holds().stream().map(OutboxHolds.Hold::toJson).toList());
    }

    public JsonReply park(ApiRequest request) {
        return onHeldEvent(request, "parked", (tenant, sequence) -> holds.park(tenant, sequence).toJson());
    }

    public JsonReply retry(ApiRequest request) {
        return onHeldEvent(request, "released", (tenant, sequence) -> holds.retry(tenant, sequence).toJson());
    }

    /** Acts on the held event the request names, and answers with it under {@code name}. */
    private static JsonReply onHeldEvent(ApiRequest request, String name, BiFunction<String, Long, ObjectNode> action) {
        long sequence = sequence(request.body());
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        reply.set(name, action.apply(heldTenant(request.path("tenantId")), sequence));
        return JsonReply.json(200, reply);
    }

    private static String heldTenant(String tenantId) {
        if (tenantId == null || !TENANT_ID.matcher(tenantId).matches()) {
            throw ScimException.notFound("No such tenant has a held event.");
        }
        return tenantId;
    }

    private static long sequence(byte[] body) {
        JsonNode sequence = ScimJson.readObject(body).get("sequence");
        if (sequence == null || !sequence.canConvertToExactIntegral() || !sequence.canConvertToLong()) {
            throw ScimException.invalidValue("'sequence' is the held event's sequence, an integer.");
        }
        return sequence.longValue();
    }
}
