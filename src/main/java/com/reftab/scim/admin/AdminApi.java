package com.reftab.scim.admin;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.accounts.Accounts;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.outbox.OutboxHolds;
import com.reftab.scim.protocol.ListRequest;
import com.reftab.scim.protocol.ScimException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The tenant's admin API: the user store ("Sub Accounts") and the recent provisioning events. */
@Component("adminApi")
public class AdminApi {

    private static final int MAX_PAGE = 500;
    /** Payload bytes one page of events holds at most: events are up to 1 MB each. */
    static final long EVENTS_PAGE_BYTES = 2L * 1024 * 1024;
    private static final int DEAD_LETTERS_SHOWN = 50;
    private static final int DEAD_LETTER_PAYLOAD_SHOWN = 65536;

    private final Accounts accounts;
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final OutboxHolds holds;

    public AdminApi(Accounts accounts, JdbcTemplate jdbc, ObjectMapper mapper, OutboxHolds holds) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.holds = holds;
    }

    public JsonReply accounts(ApiRequest request) {
        String status = request.query("status");
        String role = request.query("role");
        String query = request.query("q");
        String group = request.query("group");
        if (status != null && !status.isBlank() && !List.of("active", "disabled").contains(status.toLowerCase())) {
            throw ScimException.invalidValue("'status' is active or disabled.");
        }
        if (containsNul(role) || containsNul(query) || containsNul(group)) {
            throw ScimException.invalidValue("'role', 'q' and 'group' cannot contain the character U+0000.");
        }
        ListRequest page = request.page(MAX_PAGE);
        Accounts.Page result = accounts.search(request.tenantId(), new Accounts.Search(status, role, query, group),
                page.offset(), page.count());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("totalResults", result.total());
        body.put("startIndex", page.startIndex());
        body.put("itemsPerPage", result.accounts().size());
        body.putArray("accounts").addAll(result.accounts());
        return JsonReply.json(200, body);
    }

    public JsonReply account(ApiRequest request) {
        String id = request.path("id");
        return JsonReply.json(200, accounts.find(request.tenantId(), id)
                .orElseThrow(() -> ScimException.notFound("No account with id '" + id + "'.")));
    }

    public JsonReply events(ApiRequest request) {
        long afterSeq = ListRequest.parse(request.query("after"), "after", 0);
        int max = (int) Math.max(1, Math.min(ListRequest.parse(request.query("limit"), "limit", 100), MAX_PAGE));
        String tenantId = request.tenantId();
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        long[] bytes = {0};
        jdbc.query("select seq, payload, payload_bytes, published_at from outbox_event where tenant_id = ? and seq > ?"
                        + " order by tenant_id, seq limit ?",
                rs -> {
                    // Bounded in bytes as well as in events (always at least one): `next` goes on from the last shown.
                    bytes[0] += rs.getLong("payload_bytes");
                    if (!events.isEmpty() && bytes[0] > EVENTS_PAGE_BYTES) {
                        return;
                    }
                    ObjectNode event = events.addObject();
                    event.put("sequence", rs.getLong("seq"));
                    event.put("published", rs.getTimestamp("published_at") != null);
                    try {
                        event.set("event", mapper.readTree(rs.getString("payload")));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, tenantId, afterSeq, max);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("events", events);
        body.put("next", events.isEmpty() ? afterSeq : events.get(events.size() - 1).get("sequence").asLong());
        body.set("deadLetters", deadLetters(tenantId));
        // Kafka refused one of the tenant's events for good: it and the later ones wait for the operator.
        body.set("relayHold", holds.holdOf(tenantId).<JsonNode>map(OutboxHolds.Hold::toJson)
                .orElse(NullNode.getInstance()));
        ArrayNode parked = body.putArray("parkedEvents");
        holds.parked(tenantId, DEAD_LETTERS_SHOWN, DEAD_LETTER_PAYLOAD_SHOWN)
                .forEach(event -> parked.add(event.toJson()));
        return JsonReply.json(200, body);
    }

    /** The latest events a consumer could not apply and parked, newest first. */
    private ArrayNode deadLetters(String tenantId) {
        ArrayNode parked = JsonNodeFactory.instance.arrayNode();
        jdbc.query("select consumer, topic, partition_no, record_offset, reason, payload, parked_at from dead_letter_event"
                        + " where tenant_id = ? order by id desc limit ?",
                rs -> {
                    ObjectNode letter = parked.addObject();
                    letter.put("consumer", rs.getString("consumer"));
                    letter.put("topic", rs.getString("topic"));
                    letter.put("partition", rs.getInt("partition_no"));
                    letter.put("offset", rs.getLong("record_offset"));
                    letter.put("reason", rs.getString("reason"));
                    letter.put("parkedAt", rs.getTimestamp("parked_at").toInstant().toString());
                    letter.put("payload", rs.getString("payload"));
                }, tenantId, DEAD_LETTERS_SHOWN);
        return parked;
    }

    private static boolean containsNul(String text) {
        return text != null && text.indexOf('\u0000') >= 0;
    }
}
