package com.reftab.scim.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The database side of the outbox relay route: which events wait, in commit order, and marking
 * each one published once Kafka has acknowledged it. A crash between the two publishes the event
 * again (at least once); consumers absorb that by the resource version.
 */
@Component("outboxRelay")
public class OutboxRelay {

    private final JdbcTemplate jdbc;
    private final int batchSize;

    public OutboxRelay(JdbcTemplate jdbc, @Value("${reftab.outbox.batch-size:200}") int batchSize) {
        this.jdbc = jdbc;
        this.batchSize = batchSize;
    }

    public List<PendingEvent> pending() {
        return jdbc.query("select seq, tenant_id, payload from outbox_event where published_at is null order by seq limit ?",
                (rs, row) -> new PendingEvent(rs.getLong("seq"), rs.getString("tenant_id"), rs.getString("payload")),
                batchSize);
    }

    public void markPublished(long seq) {
        jdbc.update("update outbox_event set published_at = ? where seq = ?", Timestamp.from(Instant.now()), seq);
    }

    public long backlog() {
        Long count = jdbc.queryForObject("select count(*) from outbox_event where published_at is null", Long.class);
        return count == null ? 0 : count;
    }
}
