package com.reftab.scim.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the H2 database file from growing without bound under writes.
 *
 * <p>H2 appends each commit to its file as a new chunk, and reuses a chunk's space only once none
 * of its pages is live and it is older than H2's retention time (45 s). Its own background writer
 * rewrites the few live pages of mostly dead chunks so their space comes free, but that writer runs
 * only with {@code WRITE_DELAY} above zero, and the service keeps {@code WRITE_DELAY=0} so that
 * each commit is in the file before its reply. Without the rewrite, every chunk kept a few live
 * pages for good: 10,000 users and 20 minutes of creates left a 22 GB file, 5% of it live. This
 * does the writer's rewrite from a thread of its own: every interval, while the chunks old enough
 * to rewrite are less live than the target, at most {@code maxRewrite} of the live pages of the
 * chunks H2 ranks first (the emptiest for their age), then a commit that writes them, as H2's
 * writer does. A commit waits for a round at most. The file does not shrink: its freed space is
 * written again.
 *
 * <p>The rounds spend a budget earned by the database's own writes: dead space comes only from
 * writes, and a rewrite leaves dead pages of its own (each page moved rewrites its parents), so an
 * unbounded rewrite never reaches the target. A store of 100,000 users, idle, was rewritten at
 * 16 MB a second for good, and its reads ran at 60% of their speed in the churn of H2's page cache
 * and the collector. Each byte the database writes lets the rounds rewrite t / (100 - t) bytes at a
 * target fill rate of t (nine at 90), what keeping the old chunks at the target takes. What is
 * written during a round, the application's commits among it, is charged to the round. A round
 * with nothing to spend counts as {@code idle}.
 */
public final class H2StoreCompaction implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(H2StoreCompaction.class);
    /** Less than this is left for the next round: a chunk is rewritten whole or not at all. */
    static final long MIN_REWRITE = 64 * 1024;

    private final DataSource dataSource;
    private final H2CompactionSettings settings;
    private final MeterRegistry registry;
    private volatile MVStore store;
    private volatile boolean running;
    private volatile boolean failing;
    private ScheduledExecutorService rounds;
    /** Guards the budget: rounds run on one thread, and tests run them from their own. */
    private final Object round = new Object();
    /** The store the budget was counted in, the bytes its file had written after the last round, and what rounds may still rewrite. */
    private MVStore budgetStore;
    private long writtenAfterLastRound;
    private long budget;

    public H2StoreCompaction(DataSource dataSource, H2CompactionSettings settings, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.registry = registry;
    }

    @Override
    public synchronized void start() {
        if (rounds != null || settings.interval().isZero() || !StatementTimeouts.isH2(dataSource)) {
            return;
        }
        store = fileStoreOf(dataSource);
        if (store == null) {
            return;
        }
        Gauge.builder("reftab.db.h2.file.size", this, c -> c.fileInfo().size()).baseUnit("bytes")
                .description("Size of the H2 database file").register(registry);
        Gauge.builder("reftab.db.h2.chunks.live", this, c -> rewritableLiveShare(c.store)).baseUnit("percent")
                .description("Live share of the H2 file's chunks old enough to rewrite").register(registry);
        for (String outcome : new String[] {"rewrote", "nothing", "idle", "failed"}) {
            rounds(outcome);
        }
        running = true;
        rounds = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reftab-h2-compaction");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.interval().toMillis();
        rounds.scheduleWithFixedDelay(this::compactOnce, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** One round; true if it rewrote a chunk. */
    boolean compactOnce() {
        if (!running) {
            return false;
        }
        synchronized (round) {
            try {
                MVStore current = currentStore();
                if (current == null) {
                    count("nothing");
                    return false;
                }
                FileInfo before = FileInfo.of(current);
                if (current != budgetStore) {
                    // A store opened again counts its writes from zero, all of them the database's.
                    budgetStore = current;
                    writtenAfterLastRound = 0;
                    budget = 0;
                }
                long maxRewrite = settings.maxRewrite().toBytes();
                long writtenSince = Math.max(0, before.writtenBytes() - writtenAfterLastRound);
                budget = Math.min(maxRewrite, budget + credit(writtenSince, settings.targetFillRate(), maxRewrite));
                writtenAfterLastRound = before.writtenBytes();
                if (before.rewritableLiveShare() >= settings.targetFillRate()) {
                    count("nothing");
                    return false;
                }
                if (budget < MIN_REWRITE) {
                    count("idle");
                    return false;
                }
                // The gate is the share above; with 100, H2 takes the old chunks it ranks first (the
                // emptiest for their age), up to the bound.
                boolean rewrote = current.compact(100, (int) budget);
                if (rewrote) {
                    // Waits for the store: a commit queued behind the rewrite may write the moved
                    // pages, and is then charged to this round, not taken for the database's.
                    current.commit();
                }
                long after = FileInfo.of(current).writtenBytes();
                budget = Math.max(0, budget - (after - before.writtenBytes()));
                writtenAfterLastRound = after;
                count(rewrote ? "rewrote" : "nothing");
                failing = false;
                return rewrote;
            } catch (Throwable e) {
                // Caught whole: anything thrown out of a round would cancel every later one. H2 closes a
                // store it failed to write; the next round finds the database opened again.
                count("failed");
                if (!failing) {
                    log.error("H2 store compaction round failed (logged again only after a round succeeds): {}", e.toString());
                }
                failing = true;
                return false;
            }
        }
    }

    /**
     * What the database's writes let the rounds rewrite. Freeing a chunk f live costs f of its size
     * rewritten, so keeping the old chunks at the target fill rate t takes t / (100 - t) times what
     * the writes left dead: nine times at 90. A target of 100 is never reached, so any write lets a
     * whole round run.
     */
    static long credit(long writtenSince, int targetFillRate, long maxRewrite) {
        if (writtenSince == 0) {
            return 0;
        }
        if (targetFillRate >= 100) {
            return maxRewrite;
        }
        return Math.min(maxRewrite, writtenSince * targetFillRate / (100 - targetFillRate));
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (rounds != null) {
            // Never interrupted: an interrupt while H2 reads its file closes the file's channel.
            rounds.shutdown();
            try {
                if (!rounds.awaitTermination(30, TimeUnit.SECONDS)) {
                    // Left set, so a start cannot run a second round beside this one.
                    log.warn("An H2 store compaction round was still running at shutdown");
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            rounds = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return rounds != null;
    }

    private MVStore currentStore() {
        MVStore current = store;
        if (current == null || current.isClosed()) {
            current = fileStoreOf(dataSource);
            store = current;
        }
        return current;
    }

    private FileStore<?> fileInfo() {
        return store.getFileStore();
    }

    /** The live share of the chunks old enough to rewrite: younger ones are not H2's to reuse yet. */
    private static int rewritableLiveShare(MVStore store) {
        return FileInfo.of(store).rewritableLiveShare();
    }

    /** What H2 tells of its file: the bytes written since it was opened, and the live share of its rewritable chunks. */
    private record FileInfo(long writtenBytes, int rewritableLiveShare) {

        static FileInfo of(MVStore store) {
            long[] written = {0};
            int[] share = {100};
            store.getFileStore().populateInfo((name, value) -> {
                switch (name) {
                    case "info.FILE_WRITE_BYTES" -> written[0] = Long.parseLong(value);
                    case "info.CHUNKS_FILL_RATE_RW" -> share[0] = Integer.parseInt(value);
                    default -> { }
                }
            });
            return new FileInfo(written[0], share[0]);
        }
    }

    private void count(String outcome) {
        rounds(outcome).increment();
    }

    private Counter rounds(String outcome) {
        return Counter.builder("reftab.db.h2.compaction.rounds").tag("outcome", outcome)
                .description("H2 store compaction rounds by what they did").register(registry);
    }

    /** The store of a file database; null for an in-memory one, which has no file to keep. */
    private static MVStore fileStoreOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                return null;
            }
            Store database = session.getDatabase().getStore();
            MVStore store = database == null ? null : database.getMvStore();
            FileStore<?> file = store == null ? null : store.getFileStore();
            return file == null ? null : store;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the H2 database to keep its file", e);
        }
    }
}
