package com.reftab.scim.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.reftab.scim.protocol.ScimException;
import org.awaitility.Awaitility;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Concurrent writes share a commit, each answered after it, each with its own outcome. A lane is
 * held busy by a first write that waits on a latch, so the writes sent meanwhile queue up and
 * form the next batch.
 */
class GroupCommitTest {

    private final CountingTransactionManager transactions = new CountingTransactionManager(dataSource());
    private final JdbcTemplate jdbc = new JdbcTemplate(transactions.getDataSource());
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private GroupCommit groupCommit;

    @BeforeEach
    void createTable() {
        jdbc.execute("create table written (name varchar(100) primary key)");
    }

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        if (groupCommit != null) {
            groupCommit.close();
        }
    }

    @Test
    void concurrentWritesShareOneCommitAndEachIsAnsweredAfterIt() throws Exception {
        groupCommit = groupCommit(64, 256);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> blocker = write("blocker", release);
        awaitCommitsStarted(1);
        List<Future<String>> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(write("user-" + i, null));
        }
        awaitQueued(10);
        release.countDown();
        for (Future<String> write : batch) {
            String name = write.get(10, TimeUnit.SECONDS);
            assertThat(committedNames()).as("visible to another transaction once answered").contains(name);
        }
        blocker.get(10, TimeUnit.SECONDS);
        assertThat(transactions.commits.get()).as("the blocker's commit and one for the ten").isEqualTo(2);
    }

    @Test
    void eachCommitsBatchSizeAndTheWritesWaitingInALaneAreMeasured() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        groupCommit = groupCommit(64, 256, registry);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> blocker = write("blocker", release);
        awaitCommitsStarted(1);
        List<Future<String>> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(write("user-" + i, null));
        }
        awaitQueued(3);
        Gauge queued = registry.get("reftab.db.group.commit.queued").tag("lane", "0").gauge();
        assertThat(queued.value()).isEqualTo(3);

        release.countDown();
        for (Future<String> write : batch) {
            write.get(10, TimeUnit.SECONDS);
        }
        blocker.get(10, TimeUnit.SECONDS);

        DistributionSummary batches = registry.get("reftab.db.group.commit.batch").summary();
        assertThat(batches.count()).as("the blocker's commit and the three's").isEqualTo(2);
        assertThat(batches.max()).isEqualTo(3);
        assertThat(batches.totalAmount()).isEqualTo(4);
        assertThat(queued.value()).isZero();
    }

    @Test
    void aFailingWriteIsRolledBackAloneAndItsBatchMatesCommit() throws Exception {
        groupCommit = groupCommit(64, 256);
        CountDownLatch release = new CountDownLatch(1);
        write("blocker", release);
        awaitCommitsStarted(1);
        // Queued one at a time: which of the two "before" writes is the duplicate depends on the order.
        Future<String> before = write("before", null);
        awaitQueued(1);
        Future<String> failing = callers.submit(() -> groupCommit.execute("tenant", status -> {
            jdbc.update("insert into written (name) values (?)", "failing");
            throw new IllegalArgumentException("this write is refused");
        }));
        awaitQueued(2);
        Future<String> duplicate = write("before", null);
        awaitQueued(3);
        Future<String> after = write("after", null);
        awaitQueued(4);
        release.countDown();

        assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo("before");
        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("after");
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("this write is refused");
        assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS)).hasMessageContaining("Unique index");
        assertThat(committedNames()).containsExactlyInAnyOrder("blocker", "before", "after");
        assertThat(transactions.commits.get()).as("the failures did not split the batch").isEqualTo(2);
    }

    @Test
    void whenTheSharedCommitFailsEachWriteIsRunAgainAloneWithItsOwnOutcome() throws Exception {
        groupCommit = groupCommit(64, 256);
        CountDownLatch release = new CountDownLatch(1);
        write("blocker", release);
        awaitCommitsStarted(1);
        transactions.failCommitAfter = 1;
        List<Future<String>> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(write("user-" + i, null));
        }
        awaitQueued(3);
        release.countDown();
        for (Future<String> write : batch) {
            write.get(10, TimeUnit.SECONDS);
        }
        assertThat(committedNames()).containsExactlyInAnyOrder("blocker", "user-0", "user-1", "user-2");
        assertThat(transactions.failedCommits.get()).isEqualTo(1);
    }

    @Test
    void aWriteFindingItsLaneQueueFullIsRefusedAt503WithRetryAfterAndNothingWritten() throws Exception {
        groupCommit = groupCommit(64, 2);
        CountDownLatch release = new CountDownLatch(1);
        write("blocker", release);
        awaitCommitsStarted(1);
        Future<String> first = write("queued-1", null);
        Future<String> second = write("queued-2", null);
        awaitQueued(2);

        assertThatThrownBy(() -> groupCommit.execute("tenant", status ->
                jdbc.update("insert into written (name) values (?)", "refused")))
                .isInstanceOfSatisfying(ScimException.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(503);
                    assertThat(refusal.retryAfterSeconds()).isEqualTo(1L);
                    assertThat(refusal.detail()).contains("reftab.db.group-commit.queue-capacity").contains("2");
                });
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(committedNames()).containsExactlyInAnyOrder("blocker", "queued-1", "queued-2");
    }

    @Test
    void aBatchTakesAtMostMaxBatchWrites() throws Exception {
        groupCommit = groupCommit(3, 256);
        CountDownLatch release = new CountDownLatch(1);
        write("blocker", release);
        awaitCommitsStarted(1);
        List<Future<String>> writes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            writes.add(write("user-" + i, null));
        }
        awaitQueued(7);
        release.countDown();
        for (Future<String> write : writes) {
            write.get(10, TimeUnit.SECONDS);
        }
        assertThat(transactions.commits.get()).as("the blocker, then batches of 3, 3 and 1").isEqualTo(4);
    }

    @Test
    void aWriteInsideATransactionIsASavepointOfItAndNotQueued() {
        groupCommit = groupCommit(64, 256);
        TransactionTemplate outer = new TransactionTemplate(transactions);
        outer.executeWithoutResult(status -> {
            groupCommit.execute("tenant", inner -> jdbc.update("insert into written (name) values (?)", "inside"));
            assertThatThrownBy(() -> groupCommit.execute("tenant", inner -> {
                jdbc.update("insert into written (name) values (?)", "rolled-back");
                throw new IllegalStateException("refused");
            })).hasMessage("refused");
            status.setRollbackOnly();
        });
        assertThat(committedNames()).isEmpty();
        assertThat(transactions.begun.get()).as("only the outer transaction").isEqualTo(1);
    }

    private GroupCommit groupCommit(int maxBatch, int queueCapacity) {
        return groupCommit(maxBatch, queueCapacity, new SimpleMeterRegistry());
    }

    private GroupCommit groupCommit(int maxBatch, int queueCapacity, MeterRegistry registry) {
        TransactionTemplate alone = new TransactionTemplate(transactions);
        alone.setTimeout(30);
        alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        return new GroupCommit(transactions, alone,
                new GroupCommitSettings(true, maxBatch, Duration.ZERO, queueCapacity, 1), registry);
    }

    /** A write of {@code name} that, given a latch, holds its lane until the latch is released. */
    private Future<String> write(String name, CountDownLatch holdUntil) {
        return callers.submit(() -> groupCommit.execute("tenant", status -> {
            jdbc.update("insert into written (name) values (?)", name);
            if (holdUntil != null) {
                await(holdUntil);
            }
            return name;
        }));
    }

    private void awaitCommitsStarted(int transactionsBegun) {
        Awaitility.await("a transaction begun").atMost(Duration.ofSeconds(10))
                .until(() -> transactions.begun.get() >= transactionsBegun);
    }

    private void awaitQueued(int writes) {
        Awaitility.await(writes + " writes queued").atMost(Duration.ofSeconds(10))
                .until(() -> groupCommit.queued() >= writes);
    }

    private List<String> committedNames() {
        return jdbc.queryForList("select name from written", String.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataSource dataSource() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:group-commit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    /** Counts the transactions begun and committed, and can fail one commit of a batch. */
    private static final class CountingTransactionManager extends DataSourceTransactionManager {

        final AtomicInteger begun = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger failedCommits = new AtomicInteger();
        /** Fails the commit that follows this many, once. */
        volatile int failCommitAfter = -1;

        CountingTransactionManager(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            begun.incrementAndGet();
            super.doBegin(transaction, definition);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            if (commits.get() == failCommitAfter) {
                failCommitAfter = -1;
                failedCommits.incrementAndGet();
                // As a commit the database refused: nothing of the transaction is kept.
                super.doRollback(status);
                throw new TransactionSystemException("commit failed");
            }
            super.doCommit(status);
            commits.incrementAndGet();
        }
    }
}
