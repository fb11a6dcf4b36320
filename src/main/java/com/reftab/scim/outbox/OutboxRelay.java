package com.reftab.scim.outbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The database side of the outbox relay route: which events wait, in commit order, and marking
 * them published once Kafka has acknowledged every one. A crash between the two publishes an event
 * again (at least once); consumers absorb that by the resource version.
 *
 * <p>A batch is bounded by count and by bytes: the sizes of the waiting events are read first, and
 * payloads only for the leading events that fit the byte budget (always at least one). Events of a
 * tenant held behind a refused event ({@link OutboxHolds}) are skipped by the index, so they never
 * take another tenant's place in a batch.
 *
 * <p>With several instances only the holder of the {@code outbox} lease relays, so events leave
 * in commit order. Its holder renews it once half of it has run, not on every poll, so a poll of an
 * idle outbox writes nothing; if its holder stops, another instance takes over once it expires.
 * A holder stalled longer than the lease may overlap with its successor for one batch: events are
 * then sent twice, never lost.
 */
@Component("outboxRelay")
public class OutboxRelay {

    private record Waiting(long seq, String tenantId, long bytes) {
    }

    private final JdbcTemplate jdbc;
    private final OutboxHolds holds;
    private final int batchSize;
    private final long batchBytes;
    private final Duration leaseDuration;
    private final String instance = UUID.randomUUID().toString();
    /** Until then the lease is held without asking: it was renewed less than half a lease ago. */
    private volatile Instant renewAfter = Instant.MIN;

    @Autowired
    public OutboxRelay(JdbcTemplate jdbc, OutboxHolds holds, OutboxSettings settings) {
        this(jdbc, holds, settings.batchSize(), settings.batchBytes(), settings.leaseSeconds());
    }

    public OutboxRelay(JdbcTemplate jdbc, OutboxHolds holds, int batchSize, long batchBytes, int leaseSeconds) {
        this.jdbc = jdbc;
        this.holds = holds;
        this.batchSize = batchSize;
        this.batchBytes = batchBytes;
        this.leaseDuration = Duration.ofSeconds(leaseSeconds);
    }

    /** The next batch to publish, in commit order, or nothing while another instance holds the lease. */
    public List<PendingEvent> nextBatch() {
        if (!holdLease()) {
            return List.of();
        }
        // The holds first: read after the waiting events, a hold released in between (a park) would
        // let this poll send a held tenant's newer event before the older ones the release frees.
        Set<String> held = holds.heldTenants();
        List<Waiting> waiting = jdbc.query("select seq, tenant_id, payload_bytes from outbox_event"
                        + " where published_at is null and held_at is null order by published_at, held_at, seq limit ?",
                (rs, row) -> new Waiting(rs.getLong("seq"), rs.getString("tenant_id"), rs.getLong("payload_bytes")),
                batchSize);
        if (waiting.isEmpty()) {
            return List.of();
        }
        Set<String> heldWithNewEvents = new LinkedHashSet<>();
        List<Waiting> batch = new ArrayList<>();
        long bytes = 0;
        for (Waiting event : waiting) {
            if (held.contains(event.tenantId())) {
                heldWithNewEvents.add(event.tenantId());
                continue;
            }
            if (!batch.isEmpty() && bytes + event.bytes() > batchBytes) {
                break;
            }
            batch.add(event);
            bytes += event.bytes();
        }
        heldWithNewEvents.forEach(holds::keepWaiting);
        return withPayloads(batch);
    }

    private List<PendingEvent> withPayloads(List<Waiting> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Map<Long, String> payloads = new HashMap<>();
        jdbc.query("select seq, payload from outbox_event where seq in ("
                        + String.join(", ", Collections.nCopies(batch.size(), "?")) + ")",
                rs -> {
                    payloads.put(rs.getLong("seq"), rs.getString("payload"));
                }, batch.stream().map(Waiting::seq).toArray());
        List<PendingEvent> events = new ArrayList<>(batch.size());
        for (Waiting event : batch) {
            events.add(new PendingEvent(event.seq(), event.tenantId(), payloads.get(event.seq())));
        }
        return events;
    }

    boolean holdLease() {
        Instant now = Instant.now();
        if (now.isBefore(renewAfter)) {
            return true;
        }
        Instant expires = now.plus(leaseDuration);
        boolean held = jdbc.update("update relay_lease set owner = ?, expires_at = ? where name = 'outbox'"
                        + " and (owner = ? or owner is null or expires_at < ?)",
                instance, Timestamp.from(expires), instance, Timestamp.from(now)) == 1;
        renewAfter = held ? now.plus(leaseDuration.dividedBy(2)) : Instant.MIN;
        return held;
    }

    /** Hands the lease on at shutdown, so another instance need not wait for it to expire. */
    @PreDestroy
    public void releaseLease() {
        renewAfter = Instant.MIN;
        jdbc.update("update relay_lease set owner = null where name = 'outbox' and owner = ?", instance);
    }

    /** After Kafka acknowledged every event given: one transaction, so a crash leaves all of them to send again or none. */
    @Transactional
    public void markPublished(List<PendingEvent> events) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("update outbox_event set published_at = ? where seq = ?",
                events.stream().map(event -> new Object[] {now, event.seq()}).toList());
    }

    public long backlog() {
        Long count = jdbc.queryForObject("select count(*) from outbox_event where published_at is null", Long.class);
        return count == null ? 0 : count;
    }
}
