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
 */
public final class H2StoreCompaction implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(H2StoreCompaction.class);

    private final DataSource dataSource;
    private final H2CompactionSettings settings;
    private final MeterRegistry registry;
    private volatile MVStore store;
    private volatile boolean running;
    private volatile boolean failing;
    private ScheduledExecutorService rounds;

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
        for (String outcome : new String[] {"rewrote", "nothing", "failed"}) {
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
        try {
            MVStore current = currentStore();
            if (current == null || rewritableLiveShare(current) >= settings.targetFillRate()) {
                count("nothing");
                return false;
            }
            // The gate is the share above; with 100, H2 takes the old chunks it ranks first (the
            // emptiest for their age), up to the bound.
            boolean rewrote = current.compact(100, (int) Math.min(Integer.MAX_VALUE, settings.maxRewrite().toBytes()));
            if (rewrote) {
                current.tryCommit();
            }
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
        int[] share = {100};
        store.getFileStore().populateInfo((name, value) -> {
            if (name.equals("info.CHUNKS_FILL_RATE_RW")) {
                share[0] = Integer.parseInt(value);
            }
        });
        return share[0];
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
