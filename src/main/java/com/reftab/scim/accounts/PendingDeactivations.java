package com.reftab.scim.accounts;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.reftab.scim.events.EventType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A tenant's deactivations that have not reached the user store: people deactivated (or deleted
 * while active) in the directory whose Reftab account can still log in.
 *
 * <p>Read from the tenant's own events, newest first, beside each one's account. A tenant's events
 * are applied in order (one key, one partition, offsets committed in order), so the ones not yet
 * applied are the newest; the walk stops at the first user event its account already reflects
 * (its {@code updated_at} is that event's time or later). Normally that is the newest user event,
 * a read of one short page. The walk is bounded ({@link #MOST_EXAMINED}); past it the answer says
 * it is incomplete.
 */
@Component
public class PendingDeactivations {

    static final int PAGE = 100;
    static final int MOST_EXAMINED = 1000;

    /**
     * The tenant's user events, newest first, each with the account it is about. {@code tenant_id}
     * leads the order, so H2 walks its index backwards too.
     */
    static final String NEWEST_USER_EVENTS = "select o.seq, o.type, o.subject, o.occurred_at, a.status, a.updated_at"
            + " from outbox_event o left join account a on a.tenant_id = o.tenant_id and a.user_id = substring(o.subject, 7)"
            + " where o.tenant_id = ? and o.seq < ? and o.subject like 'Users/%'"
            + " order by o.tenant_id desc, o.seq desc limit ?";

    /** @param oldest    the time of the oldest pending deactivation, if any
     *  @param complete  false when the walk stopped at its bound with every event examined still pending */
    public record Pending(int count, int late, Optional<Instant> oldest, boolean complete) {
    }

    private record Row(long seq, String type, String userId, Instant time, String status, Instant accountUpdated) {
    }

    private final JdbcTemplate jdbc;

    public PendingDeactivations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param lateAfter a pending deactivation older than this is late */
    public Pending of(String tenantId, Instant now, Duration lateAfter) {
        Set<String> newestSeen = new HashSet<>();
        int count = 0;
        int late = 0;
        Instant oldest = null;
        long before = Long.MAX_VALUE;
        int examined = 0;
        while (examined < MOST_EXAMINED) {
            List<Row> rows = jdbc.query(NEWEST_USER_EVENTS, (rs, n) -> new Row(rs.getLong("seq"), rs.getString("type"),
                    rs.getString("subject").substring("Users/".length()), rs.getTimestamp("occurred_at").toInstant(),
                    rs.getString("status"), instant(rs.getTimestamp("updated_at"))), tenantId, before, PAGE);
            for (Row row : rows) {
                examined++;
                if (row.accountUpdated() != null && !row.accountUpdated().isBefore(row.time())) {
                    return new Pending(count, late, Optional.ofNullable(oldest), true);
                }
                // Only a user's newest event says what their account should be now.
                if (newestSeen.add(row.userId()) && takesLoginAway(row)) {
                    count++;
                    if (Duration.between(row.time(), now).compareTo(lateAfter) > 0) {
                        late++;
                    }
                    oldest = row.time();
                }
            }
            if (rows.size() < PAGE) {
                return new Pending(count, late, Optional.ofNullable(oldest), true);
            }
            before = rows.get(rows.size() - 1).seq();
        }
        return new Pending(count, late, Optional.ofNullable(oldest), false);
    }

    /**
     * A deactivation or deletion whose account can still log in. A user with no account yet has no
     * login to take away.
     */
    private static boolean takesLoginAway(Row row) {
        EventType type = EventType.of(row.type());
        return (type == EventType.USER_DEACTIVATED || type == EventType.USER_DELETED) && "active".equals(row.status());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
