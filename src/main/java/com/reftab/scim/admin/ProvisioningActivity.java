package com.reftab.scim.admin;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.outbox.OutboxHolds;
import com.reftab.scim.protocol.ScimException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The "Provisioning activity" screen: the tenant's latest events, newest first (type, subject,
 * time, whether Kafka has it), and the outbox backlog, the events still waiting for Kafka.
 */
@Component("provisioningActivity")
public class ProvisioningActivity {

    private static final int DEFAULT_EVENTS = 50;
    private static final int MAX_EVENTS = 200;

    private final JdbcTemplate jdbc;
    private final OutboxHolds holds;

    public ProvisioningActivity(JdbcTemplate jdbc, OutboxHolds holds) {
        this.jdbc = jdbc;
        this.holds = holds;
    }

    public JsonReply recent(ApiRequest request) {
        int max = limit(request.query("limit"));
        String tenantId = request.tenantId();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("backlog", backlog(tenantId));
        // Kafka refused one of the tenant's events for good: the console shows why its changes wait.
        body.set("relayHold", holds.holdOf(tenantId).<JsonNode>map(OutboxHolds.Hold::toJson)
                .orElse(NullNode.getInstance()));
        ArrayNode events = body.putArray("events");
        jdbc.query("select seq, type, subject, occurred_at, published_at from outbox_event where tenant_id = ?"
                        + " order by seq desc limit ?",
                rs -> {
                    events.addObject()
                            .put("sequence", rs.getLong("seq"))
                            .put("type", rs.getString("type"))
                            .put("subject", rs.getString("subject"))
                            .put("time", rs.getTimestamp("occurred_at").toInstant().toString())
                            .put("published", rs.getTimestamp("published_at") != null);
                }, tenantId, max);
        return JsonReply.json(200, body);
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_EVENTS;
        }
        try {
            return Math.max(1, Math.min(Integer.parseInt(limit.trim()), MAX_EVENTS));
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue("'limit' must be an integer.");
        }
    }

    private ObjectNode backlog(String tenantId) {
        ObjectNode backlog = JsonNodeFactory.instance.objectNode();
        jdbc.query("select count(*) pending, min(occurred_at) oldest from outbox_event where tenant_id = ? and published_at is null",
                rs -> {
                    Timestamp oldest = rs.getTimestamp("oldest");
                    backlog.put("pending", rs.getLong("pending"));
                    backlog.put("oldestPendingAt", oldest == null ? null : oldest.toInstant().toString());
                    backlog.put("oldestPendingAgeSeconds", oldest == null ? 0
                            : Math.max(0, Duration.between(oldest.toInstant(), Instant.now()).toSeconds()));
                }, tenantId);
        return backlog;
    }
}
