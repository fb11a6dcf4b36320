package com.reftab.scim.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Delivery retries are bounded, and a tenant whose receiver hangs holds one sender, never the others' notifications. */
@JdbcTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:alert-sender;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
        "reftab.data-dir=target/test-data/alert-sender"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class NotificationSenderTest {

    private static final int ATTEMPTS = 3;
    private static final Duration BOUND = Duration.ofSeconds(10);

    @Autowired
    JdbcTemplate jdbc;

    AlertFixtures fixtures;
    NotificationSender sender;

    @BeforeEach
    void fresh() {
        jdbc.update("delete from equipment_notification");
        fixtures = new AlertFixtures(jdbc);
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
    }

    private long pending(String tenant) {
        jdbc.update("insert into equipment_notification (tenant_id, kind, channel, subject, body, state, attempts,"
                        + " next_attempt_at, created_at) values (?, 'ALERT', 'WEBHOOK', 's', '{}', 'PENDING', 0, ?, ?)",
                tenant, Timestamp.from(fixtures.clock.instant()), Timestamp.from(fixtures.clock.instant()));
        return jdbc.queryForObject("select max(id) from equipment_notification", Long.class);
    }

    private String state(long id) {
        return jdbc.queryForObject("select state from equipment_notification where id = ?", String.class, id);
    }

    @Test
    void aNotificationThatKeepsFailingIsTriedABoundedNumberOfTimesThenLeftFailed() {
        AtomicInteger tries = new AtomicInteger();
        sender = new NotificationSender(jdbc, (tenant, channel, subject, body) -> {
            tries.incrementAndGet();
            throw new IllegalStateException("answered 500");
        }, AlertFixtures.settings(6, ATTEMPTS), fixtures.clock);
        long id = pending("t1");

        for (int i = 0; i < ATTEMPTS + 2; i++) {
            sender.dispatch();
            int expected = Math.min(i + 1, ATTEMPTS);
            await().atMost(BOUND).until(() -> jdbc.queryForObject("select attempts from equipment_notification where id = ?",
                    Integer.class, id) == expected && jdbc.queryForObject(
                    "select claimed_until from equipment_notification where id = ?", Timestamp.class, id) == null);
            fixtures.clock.advance(Duration.ofHours(2));
        }

        assertThat(tries.get()).isEqualTo(ATTEMPTS);
        assertThat(state(id)).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("select last_error from equipment_notification where id = ?", String.class, id))
                .isEqualTo("answered 500");
    }

    @Test
    void aFailedTryWaitsItsDelayBeforeTheNext() {
        AtomicInteger tries = new AtomicInteger();
        sender = new NotificationSender(jdbc, (tenant, channel, subject, body) -> {
            tries.incrementAndGet();
            throw new IllegalStateException("refused");
        }, AlertFixtures.settings(6, ATTEMPTS), fixtures.clock);
        pending("t1");
        sender.dispatch();
        await().atMost(BOUND).until(() -> tries.get() == 1
                && jdbc.queryForObject("select count(*) from equipment_notification where claimed_until is null", Integer.class) == 1);

        fixtures.clock.advance(Duration.ofSeconds(29));

        assertThat(sender.dispatch()).isZero();
    }

    @Test
    void aTenantWhoseReceiverHangsDoesNotHoldAnotherTenantsNotification() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        sender = new NotificationSender(jdbc, (tenant, channel, subject, body) -> {
            if (tenant.equals("stuck")) {
                release.await(30, TimeUnit.SECONDS);
            }
            delivered.add(tenant);
        }, AlertFixtures.settings(6, ATTEMPTS), fixtures.clock);
        // The stuck tenant has more notifications than there are senders (two).
        pending("stuck");
        pending("stuck");
        pending("stuck");
        long other = pending("other");

        sender.dispatch();
        await().atMost(BOUND).until(() -> "SENT".equals(state(other)));

        assertThat(delivered).containsExactly("other");
        release.countDown();
    }

    @Test
    void aTenantWithMoreDueNotificationsThanTheSendersTakeDoesNotKeepAnotherTenantWaiting() {
        CountDownLatch release = new CountDownLatch(1);
        List<String> handed = new CopyOnWriteArrayList<>();
        sender = new NotificationSender(jdbc, (tenant, channel, subject, body) -> {
            handed.add(tenant);
            if (tenant.equals("stuck")) {
                release.await(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
        }, AlertFixtures.settings(6, ATTEMPTS), fixtures.clock);
        try {
            // More than the sender queue (10 in these settings), all due before the other tenant's.
            for (int i = 0; i < 15; i++) {
                pending("stuck");
            }
            fixtures.clock.advance(Duration.ofSeconds(1));
            pending("other");
            fixtures.clock.advance(Duration.ofSeconds(1));

            int first = sender.dispatch();
            int second = sender.dispatch();

            assertThat(first).as("one of each tenant handed over").isEqualTo(2);
            assertThat(second).as("the stuck tenant is still sending").isZero();
            await().atMost(BOUND).until(() -> handed.contains("other"));
        } finally {
            release.countDown();
        }
    }
}
