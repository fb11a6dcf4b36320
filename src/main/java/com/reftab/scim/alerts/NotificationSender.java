package com.reftab.scim.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sends the notifications that are due, apart from provisioning and from each other: on a few
 * threads of their own with a bounded queue (what does not fit waits in the database), at most one
 * notification of a tenant at a time, so a tenant whose webhook or mail hangs holds one thread at
 * most, for one deadline. A failed try waits {@code retryDelay}, doubling, up to
 * {@code deliveryAttempts} tries; then the notification is left failed.
 */
public class NotificationSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

    /** Sends one notification; throws when it was not delivered. */
    interface Delivery {
        void deliver(String tenantId, NotificationQueue.Channel channel, String subject, String body) throws Exception;
    }

    private record Due(long id, String tenantId, String channel, String subject, String body, int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final Delivery delivery;
    private final AlertSettings settings;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final Set<String> tenantsSending = ConcurrentHashMap.newKeySet();

    public NotificationSender(JdbcTemplate jdbc, Delivery delivery, AlertSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.delivery = delivery;
        this.settings = settings;
        this.clock = clock;
        this.executor = new ThreadPoolExecutor(settings.senderThreads(), settings.senderThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.senderQueue()), runnable -> {
                    Thread thread = new Thread(runnable, "reftab-alert-sender");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Hands the due notifications to the senders. @return how many were handed over */
    public int dispatch() {
        Instant now = clock.instant();
        int room = settings.senderQueue() - executor.getQueue().size();
        if (room <= 0) {
            return 0;
        }
        // The oldest due notification of each tenant not sending already: a tenant with many due (or a
        // receiver that hangs) takes one place, never the room of the others.
        List<String> sending = List.copyOf(tenantsSending);
        List<Object> arguments = new ArrayList<>(List.of(Timestamp.from(now), Timestamp.from(now)));
        arguments.addAll(sending);
        arguments.add(room);
        List<Due> due = jdbc.query("select id, tenant_id, channel, subject, body, attempts from ("
                        + "select id, tenant_id, channel, subject, body, attempts, next_attempt_at,"
                        + " row_number() over (partition by tenant_id order by next_attempt_at, id) as place"
                        + " from equipment_notification"
                        + " where state = 'PENDING' and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)"
                        + (sending.isEmpty() ? "" : " and tenant_id not in ("
                                + String.join(", ", Collections.nCopies(sending.size(), "?")) + ")")
                        + ") d where place = 1 order by next_attempt_at, id limit ?",
                (rs, row) -> new Due(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("channel"),
                        rs.getString("subject"), rs.getString("body"), rs.getInt("attempts")),
                arguments.toArray());
        int handed = 0;
        for (Due notification : due) {
            if (!tenantsSending.add(notification.tenantId())) {
                continue;
            }
            // Claimed for longer than a try can take, so another instance leaves it alone meanwhile.
            Instant claim = now.plus(settings.webhookTimeout().multipliedBy(2)).plusSeconds(30);
            if (jdbc.update("update equipment_notification set claimed_until = ? where id = ? and state = 'PENDING'"
                    + " and (claimed_until is null or claimed_until < ?)", Timestamp.from(claim), notification.id(),
                    Timestamp.from(now)) != 1) {
                tenantsSending.remove(notification.tenantId());
                continue;
            }
            try {
                executor.execute(() -> send(notification));
                handed++;
            } catch (RejectedExecutionException e) {
                tenantsSending.remove(notification.tenantId());
                jdbc.update("update equipment_notification set claimed_until = null where id = ?", notification.id());
            }
        }
        return handed;
    }

    private void send(Due notification) {
        try {
            delivery.deliver(notification.tenantId(), NotificationQueue.Channel.valueOf(notification.channel()),
                    notification.subject(), notification.body());
            jdbc.update("update equipment_notification set state = 'SENT', attempts = attempts + 1, sent_at = ?,"
                    + " claimed_until = null, last_error = null where id = ?", Timestamp.from(clock.instant()), notification.id());
        } catch (Exception e) {
            failed(notification, e);
        } finally {
            tenantsSending.remove(notification.tenantId());
        }
    }

    private void failed(Due notification, Exception e) {
        int attempts = notification.attempts() + 1;
        String error = String.valueOf(e.getMessage());
        error = error.length() > 500 ? error.substring(0, 500) : error;
        try {
            if (attempts >= settings.deliveryAttempts()) {
                log.warn("Equipment alert notification {} of tenant {} ({}) not delivered after {} tries, left failed: {}",
                        notification.id(), notification.tenantId(), notification.channel(), attempts, error);
                jdbc.update("update equipment_notification set state = 'FAILED', attempts = ?, claimed_until = null,"
                        + " last_error = ? where id = ?", attempts, error, notification.id());
            } else {
                Duration wait = retryDelay(settings.retryDelay(), attempts);
                jdbc.update("update equipment_notification set attempts = ?, next_attempt_at = ?, claimed_until = null,"
                        + " last_error = ? where id = ?", attempts, Timestamp.from(clock.instant().plus(wait)), error,
                        notification.id());
            }
        } catch (RuntimeException stored) {
            // The claim runs out and the notification is tried again.
            log.warn("Could not record the failed try of notification {}: {}", notification.id(), stored.toString());
        }
    }

    /** The wait after the n-th failed try: the first delay, doubling, at most an hour. */
    static Duration retryDelay(Duration first, int failedTries) {
        Duration wait = first.multipliedBy(1L << Math.min(failedTries - 1, 20));
        return wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
