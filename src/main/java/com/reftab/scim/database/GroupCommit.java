package com.reftab.scim.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.reftab.scim.protocol.ScimException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Concurrent SCIM writes share one commit, so they share its disk write: a write is handed to its
 * tenant's lane and waits there; the lane takes every write waiting (at most {@code maxBatch}, waiting
 * at most {@code maxWait} for more), runs each in a savepoint of one transaction and commits once. Each
 * caller is answered only after that commit, so a 2xx still means the change and its event are durable.
 *
 * <p>A write that fails is rolled back to its savepoint and answered with its own failure; its
 * batch-mates commit without it. If the commit itself fails, nothing of the batch was written, and
 * each write is run again alone in its own transaction, so one write cannot fail another.
 *
 * <p>A tenant's writes always take the same lane, and a lane runs one batch at a time, so batches of
 * different lanes hold disjoint tenants' rows: the tenant-first lock order ({@code TenantWriteLock})
 * still holds, and a tenant's events still enter the outbox in commit order. A write made inside a
 * transaction already (a Bulk operation) is a savepoint of that transaction, as before.
 *
 * <p>The lanes' queues are bounded: a write that finds its lane's queue full is answered 503 with
 * Retry-After at once, before any work.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final TransactionTemplate alone;
    private final TransactionTemplate batch;
    private final TransactionTemplate savepoint;
    private final GroupCommitSettings settings;
    private final Lane[] lanes;
    private final DistributionSummary batchSizes;
    private volatile boolean closed;

    /** @param alone a write's own transaction, as every write had before (and Bulk operations still have) */
    public GroupCommit(PlatformTransactionManager transactionManager, TransactionTemplate alone,
                       GroupCommitSettings settings) {
        this(transactionManager, alone, settings, new SimpleMeterRegistry());
    }

    public GroupCommit(PlatformTransactionManager transactionManager, TransactionTemplate alone,
                       GroupCommitSettings settings, MeterRegistry registry) {
        this.alone = alone;
        this.settings = settings;
        this.batch = new TransactionTemplate(transactionManager);
        batch.setTimeout(alone.getTimeout());
        batch.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.savepoint = new TransactionTemplate(transactionManager);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        // Buckets up to the largest batch allowed, so the histogram shows whether commits are shared at all.
        this.batchSizes = DistributionSummary.builder("reftab.db.group.commit.batch")
                .description("Writes committed together by one group commit (1: a write committed alone)")
                .baseUnit("writes")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000)
                .maximumExpectedValue(1000.0)
                .register(registry);
        this.lanes = new Lane[settings.enabled() ? settings.lanes() : 0];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(i);
            Gauge.builder("reftab.db.group.commit.queued", lanes[i].queue, BlockingQueue::size)
                    .description("Writes waiting in a group commit lane for their commit (503 past queue-capacity)")
                    .tag("lane", Integer.toString(i))
                    .register(registry);
        }
    }

    /** The transactions a tenant's writes run in. */
    public TransactionOperations forTenant(String tenantId) {
        return new TransactionOperations() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                return GroupCommit.this.execute(tenantId, action);
            }
        };
    }

    public <T> T execute(String tenantId, TransactionCallback<T> action) {
        if (lanes.length == 0 || TransactionSynchronizationManager.isActualTransactionActive()) {
            return alone.execute(action);
        }
        Write<T> write = new Write<>(action);
        Lane lane = lanes[Math.floorMod(tenantId.hashCode(), lanes.length)];
        if (closed || !lane.queue.offer(write)) {
            throw ScimException.unavailable(1, "Too many writes waiting for a commit (reftab.db.group-commit.queue-capacity, "
                    + settings.queueCapacity() + "); retry after 1 s.");
        }
        return write.await();
    }

    /** Writes waiting for a lane, all lanes together. */
    public int queued() {
        int queued = 0;
        for (Lane lane : lanes) {
            queued += lane.queue.size();
        }
        return queued;
    }

    /** Stops taking writes; the lanes commit what is queued and end. Called once no request is in progress. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (Lane lane : lanes) {
            lane.thread.join(Duration.ofSeconds(alone.getTimeout() > 0 ? alone.getTimeout() : 30).toMillis());
        }
    }

    private final class Lane implements Runnable {

        private final BlockingQueue<Write<?>> queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        private final Thread thread;

        Lane(int index) {
            thread = new Thread(this, "reftab-commit-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            List<Write<?>> writes = new ArrayList<>(settings.maxBatch());
            while (true) {
                try {
                    if (!gather(writes)) {
                        return;
                    }
                    commit(writes);
                } catch (RuntimeException | Error e) {
                    // commit() answers every write; this only keeps the lane alive.
                    LOG.error("Group commit lane failed", e);
                } finally {
                    writes.clear();
                }
            }
        }

        /** Waits for a first write, then takes what else is waiting, up to the batch size and the wait. */
        private boolean gather(List<Write<?>> writes) {
            try {
                // Never interrupted: an interrupt during H2's file I/O closes its file channel.
                Write<?> first = null;
                while (first == null) {
                    first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null && closed) {
                        return false;
                    }
                }
                writes.add(first);
                queue.drainTo(writes, settings.maxBatch() - writes.size());
                long deadline = System.nanoTime() + settings.maxWait().toNanos();
                while (writes.size() < settings.maxBatch()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    Write<?> next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    writes.add(next);
                    queue.drainTo(writes, settings.maxBatch() - writes.size());
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private void commit(List<Write<?>> writes) {
        batchSizes.record(writes.size());
        if (writes.size() == 1) {
            writes.get(0).runAlone();
            return;
        }
        try {
            batch.executeWithoutResult(status -> {
                for (Write<?> write : writes) {
                    write.runInSavepoint();
                }
            });
        } catch (RuntimeException | Error failure) {
            // Nothing of the batch is written: each write again, alone, with its own outcome.
            LOG.debug("A group commit of {} writes failed; each is run alone", writes.size(), failure);
            for (Write<?> write : writes) {
                write.runAlone();
            }
            return;
        }
        for (Write<?> write : writes) {
            write.answer();
        }
    }

    private final class Write<T> {

        private final TransactionCallback<T> action;
        private final CompletableFuture<T> answer = new CompletableFuture<>();
        private T result;
        private Throwable failure;

        Write(TransactionCallback<T> action) {
            this.action = action;
        }

        /** Its own failure is rolled back to its savepoint and kept for its caller; batch-mates go on. */
        void runInSavepoint() {
            try {
                result = savepoint.execute(action);
                failure = null;
            } catch (RuntimeException | Error e) {
                result = null;
                failure = e;
            }
        }

        void runAlone() {
            try {
                answer.complete(alone.execute(action));
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
            }
        }

        /** After the commit. */
        void answer() {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(result);
            }
        }

        T await() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return answer.get();
                    } catch (InterruptedException e) {
                        // The write is queued or committing: its outcome is still to be told.
                        interrupted = true;
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof RuntimeException runtime) {
                            throw runtime;
                        }
                        throw (Error) cause;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
