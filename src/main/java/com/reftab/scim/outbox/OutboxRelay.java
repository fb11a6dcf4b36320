package com.reftab.scim.outbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The database side of the outbox relay route: which events wait, in commit order, and marking
 * a batch published once Kafka has acknowledged every event of it. A crash between the two publishes the event
 * again (at least once); consumers absorb that by the resource version.
 *
 * <p>With several instances only the holder of the {@code outbox} lease relays, so events leave
 * in commit order. Its holder renews it once half of it has run, not on every poll, so a poll of an
 * idle outbox writes nothing; if its holder stops, another instance takes over once it expires.
 * A holder stalled longer than the lease may overlap with its successor for one batch: events are
 * then sent twice, never lost.
 */
@Component("outboxRelay")
public class OutboxRelay {

    private final JdbcTemplate jdbc;
    private final int batchSize;
    private final Duration leaseDuration;
    private final String instance = UUID.randomUUID().toString();
    /** Until then the lease is held without asking: it was renewed less than half a lease ago. */
    private volatile Instant renewAfter = Instant.MIN;

    public OutboxRelay(JdbcTemplate jdbc, @Value("${reftab.outbox.batch-size:200}") int batchSize,
                       @Value("${reftab.outbox.lease-seconds:10}") int leaseSeconds) {
        this.jdbc = jdbc;
        this.batchSize = batchSize;
        this.leaseDuration = Duration.ofSeconds(leaseSeconds);
    }

    /** The next batch to publish, or nothing while another instance holds the lease. */
    public List<PendingEvent> pending() {
        if (!holdLease()) {
            return List.of();
        }
        return jdbc.query("select seq, tenant_id, payload from outbox_event where published_at is null order by published_at, seq limit ?",
                (rs, row) -> new PendingEvent(rs.getLong("seq"), rs.getString("tenant_id"), rs.getString("payload")),
                batchSize);
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

    /** After Kafka acknowledged the whole batch: one transaction, so a crash leaves all of it to send again or none. */
    @Transactional
    public void markPublished(List<PendingEvent> batch) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("update outbox_event set published_at = ? where seq = ?",
                batch.stream().map(event -> new Object[] {now, event.seq()}).toList());
    }

    public long backlog() {
        Long count = jdbc.queryForObject("select count(*) from outbox_event where published_at is null", Long.class);
        return count == null ? 0 : count;
    }
}
