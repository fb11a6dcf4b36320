package com.reftab.scim.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.events.DeadLetters;
import com.reftab.scim.protocol.ScimException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants whose events wait behind one that Kafka refused for good. Holding keeps a tenant's order:
 * none of its later events is published before the refused one is dealt with, while every other
 * tenant's events go on. An operator either parks the refused event (kept with its reason, like a
 * consumer's dead letter) or has it tried again; either way the tenant's waiting events then follow
 * in order.
 */
@Component("outboxHolds")
public class OutboxHolds {

    public record Hold(String tenantId, long sequence, String eventId, String type, String subject, String reason,
                       Instant heldSince, long waitingEvents) {

        /** As the admin and operator APIs show it. */
        public ObjectNode toJson() {
            ObjectNode node = heldEventJson(tenantId, sequence, eventId, type, subject, reason, heldSince);
            node.put("waitingEvents", waitingEvents);
            return node;
        }
    }

    public record ParkedEvent(String tenantId, long sequence, String eventId, String type, String subject, String reason,
                              Instant heldSince, Instant parkedAt, String payload) {

        /** As the admin and operator APIs show it; the payload only where it was read. */
        public ObjectNode toJson() {
            ObjectNode node = heldEventJson(tenantId, sequence, eventId, type, subject, reason, heldSince);
            node.put("parkedAt", parkedAt.toString());
            if (payload != null) {
                node.put("payload", payload);
            }
            return node;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutboxHolds.class);
    private static final String HOLD = "select h.tenant_id, h.seq, h.reason, h.held_since, e.event_id, e.type, e.subject,"
            + " (select count(*) from outbox_event w where w.tenant_id = h.tenant_id and w.seq >= h.seq"
            + " and w.published_at is null) waiting"
            + " from outbox_hold h left join outbox_event e on e.seq = h.seq";

    private final JdbcTemplate jdbc;
    private final Counter held;
    private final Counter parked;

    public OutboxHolds(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.held = Counter.builder("reftab.outbox.holds")
                .description("Times a tenant's events were held behind an event Kafka refused for good")
                .register(registry);
        this.parked = Counter.builder("reftab.outbox.parked")
                .description("Refused events an operator parked so their tenant could go on")
                .register(registry);
    }

    public Set<String> heldTenants() {
        return new HashSet<>(jdbc.queryForList("select tenant_id from outbox_hold", String.class));
    }

    /** False once the event's tenant is held: its later events wait. */
    public boolean isFree(PendingEvent event) {
        return !heldTenants().contains(event.tenantId());
    }

    /**
     * Holds the event's tenant: the event and every later one of the tenant wait. Logged once, as an
     * error: nothing of the tenant reaches Kafka until an operator acts.
     */
    @Transactional
    public void hold(PendingEvent event, Throwable refusal) {
        String reason = DeadLetters.reasonFor(refusal);
        Instant now = Instant.now();
        try {
            jdbc.update("insert into outbox_hold (tenant_id, seq, reason, held_since) values (?, ?, ?, ?)",
                    event.tenantId(), event.seq(), reason, Timestamp.from(now));
        } catch (DuplicateKeyException alreadyHeld) {
            // Two relays overlapping at a lease takeover: the first hold stands.
            return;
        }
        jdbc.update("update outbox_event set held_at = ? where tenant_id = ? and seq >= ? and published_at is null"
                + " and held_at is null", Timestamp.from(now), event.tenantId(), event.seq());
        held.increment();
        LOG.error("Kafka refused event {} of tenant {} for good: {}. The tenant's later events wait until an operator"
                        + " parks it (POST /api/operator/tenants/{}/outbox-hold/park) or retries it; other tenants go on.",
                event.seq(), event.tenantId(), reason, event.tenantId());
    }

    /**
     * Marks a held tenant's events that arrived since it was held, so the relay's reads skip them.
     * Under the hold's row lock: if an operator let the tenant go on meanwhile, nothing is marked.
     */
    @Transactional
    public void keepWaiting(String tenantId) {
        List<Long> hold = jdbc.queryForList("select seq from outbox_hold where tenant_id = ? for update", Long.class, tenantId);
        if (!hold.isEmpty()) {
            jdbc.update("update outbox_event set held_at = ? where tenant_id = ? and seq > ? and published_at is null"
                    + " and held_at is null", Timestamp.from(Instant.now()), tenantId, hold.get(0));
        }
    }

    public Optional<Hold> holdOf(String tenantId) {
        return jdbc.query(HOLD + " where h.tenant_id = ?", OutboxHolds::hold, tenantId).stream().findFirst();
    }

    public List<Hold> holds() {
        return jdbc.query(HOLD + " order by h.held_since", OutboxHolds::hold);
    }

    /** Sets the held event aside with its reason; the tenant's later events follow in order. */
    @Transactional
    public ParkedEvent park(String tenantId, long sequence) {
        Hold hold = lockedHold(tenantId, sequence);
        Instant now = Instant.now();
        jdbc.update("insert into outbox_parked_event (seq, tenant_id, event_id, type, subject, occurred_at, payload,"
                        + " payload_bytes, reason, held_since, parked_at) select seq, tenant_id, event_id, type, subject,"
                        + " occurred_at, payload, coalesce(payload_bytes, octet_length(payload)), ?, ?, ? from outbox_event"
                        + " where seq = ?",
                hold.reason(), Timestamp.from(hold.heldSince()), Timestamp.from(now), sequence);
        jdbc.update("delete from outbox_event where seq = ?", sequence);
        release(tenantId, sequence);
        parked.increment();
        LOG.warn("Event {} of tenant {} parked by the operator ({}); the tenant's events go on", sequence, tenantId,
                hold.reason());
        return new ParkedEvent(tenantId, sequence, hold.eventId(), hold.type(), hold.subject(), hold.reason(),
                hold.heldSince(), now, null);
    }

    /** Lets the relay try the held event again (after the cause was fixed); refused again, it is held again. */
    @Transactional
    public Hold retry(String tenantId, long sequence) {
        Hold hold = lockedHold(tenantId, sequence);
        release(tenantId, sequence - 1);
        LOG.warn("Event {} of tenant {} released by the operator for another try", sequence, tenantId);
        return hold;
    }

    /** The latest parked events of a tenant, newest first, each payload cut at {@code maxPayloadChars}. */
    public List<ParkedEvent> parked(String tenantId, int limit, int maxPayloadChars) {
        return jdbc.query("select seq, tenant_id, event_id, type, subject, reason, held_since, parked_at,"
                        + " substr(payload, 1, ?) payload from outbox_parked_event where tenant_id = ?"
                        + " order by tenant_id, parked_at desc limit ?",
                (rs, row) -> new ParkedEvent(rs.getString("tenant_id"), rs.getLong("seq"), rs.getString("event_id"),
                        rs.getString("type"), rs.getString("subject"), rs.getString("reason"),
                        rs.getTimestamp("held_since").toInstant(), rs.getTimestamp("parked_at").toInstant(),
                        rs.getString("payload")),
                maxPayloadChars, tenantId, limit);
    }

    public long heldTenantCount() {
        Long count = jdbc.queryForObject("select count(*) from outbox_hold", Long.class);
        return count == null ? 0 : count;
    }

    /** Events waiting behind a hold, the refused ones included. */
    public long heldEventCount() {
        Long count = jdbc.queryForObject("select count(*) from outbox_event w join outbox_hold h on h.tenant_id = w.tenant_id"
                + " where w.seq >= h.seq and w.published_at is null", Long.class);
        return count == null ? 0 : count;
    }

    private Hold lockedHold(String tenantId, long sequence) {
        List<Long> locked = jdbc.queryForList("select seq from outbox_hold where tenant_id = ? for update", Long.class, tenantId);
        if (locked.isEmpty()) {
            throw ScimException.notFound("No event of tenant '" + tenantId + "' is held.");
        }
        if (locked.get(0) != sequence) {
            throw new ScimException(409, null, "The held event of tenant '" + tenantId + "' is " + locked.get(0)
                    + ", not " + sequence + ".");
        }
        return holdOf(tenantId).orElseThrow();
    }

    /** Ends the hold: the tenant's events after {@code after} are relayed again, in order. */
    private void release(String tenantId, long after) {
        jdbc.update("update outbox_event set held_at = null where tenant_id = ? and seq > ? and published_at is null"
                + " and held_at is not null", tenantId, after);
        jdbc.update("delete from outbox_hold where tenant_id = ?", tenantId);
    }

    private static Hold hold(ResultSet rs, int row) throws SQLException {
        return new Hold(rs.getString("tenant_id"), rs.getLong("seq"), rs.getString("event_id"), rs.getString("type"),
                rs.getString("subject"), rs.getString("reason"), rs.getTimestamp("held_since").toInstant(),
                rs.getLong("waiting"));
    }

    /** What a held event and a parked one show alike: the event, and why and since when it was held. */
    private static ObjectNode heldEventJson(String tenantId, long sequence, String eventId, String type, String subject,
                                            String reason, Instant heldSince) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("tenant", tenantId);
        node.put("sequence", sequence);
        node.put("eventId", eventId);
        node.put("type", type);
        node.put("subject", subject);
        node.put("reason", reason);
        node.put("heldSince", heldSince.toString());
        return node;
    }
}
