package com.reftab.scim.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/**
 * H2 reuses a chunk of its file only once nothing in it is live; with WRITE_DELAY=0 its own
 * rewriting of nearly dead chunks never runs, so random-key writes grew the file without bound.
 */
class H2StoreCompactionTest {

    private static final H2CompactionSettings EVERY_10_MS = new H2CompactionSettings(Duration.ofMillis(10), 90, DataSize.ofMegabytes(4));

    @TempDir
    Path dir;

    private HikariDataSource dataSource;
    private H2StoreCompaction compaction;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        if (compaction != null) {
            compaction.stop();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Test
    void randomKeyWritesLeaveTheFileNearItsLiveData() {
        // RETENTION_TIME=0: chunk space is reusable as soon as it is dead, so what is measured is
        // the dead space no one reclaims, not H2's 45 s of retained chunks.
        JdbcTemplate jdbc = new JdbcTemplate(h2File("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0;RETENTION_TIME=0"));
        compaction = start(EVERY_10_MS);
        insertRandomKeys(jdbc, 10_000);

        // 10,000 rows of about 400 bytes and their index: about 5 MB live. Reclaimed, the file stayed
        // at 7 MB; unreclaimed, it grew to 64 MB.
        assertThat(fileSize(jdbc)).isLessThan(DataSize.ofMegabytes(30).toBytes());
        assertThat(registry.get("reftab.db.h2.compaction.rounds").tag("outcome", "rewrote").counter().count()).isPositive();
    }

    @Test
    void anIdleStoreIsRewrittenNoFurtherThanItsWritesEarned() {
        JdbcTemplate jdbc = new JdbcTemplate(h2File("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0;RETENTION_TIME=0"));
        // A target of 100: a rewrite leaves dead pages of its own (the parents of the pages it
        // moves), so the target is never reached and only the budget ends the rounds.
        compaction = start(new H2CompactionSettings(Duration.ofHours(1), 100, DataSize.ofMegabytes(4)));
        insertRandomKeys(jdbc, 10_000);
        long writtenByTheDatabase = writtenBytes(jdbc);

        int rewrote = 0;
        for (int round = 0; round < 200; round++) {
            rewrote += compaction.compactOnce() ? 1 : 0;
        }
        long writtenAfterTheRounds = writtenBytes(jdbc);
        double idleBefore = idleRounds();
        for (int round = 0; round < 20; round++) {
            assertThat(compaction.compactOnce()).as("a round of an idle store").isFalse();
        }

        assertThat(rewrote).isPositive();
        // The writes earned one round's bound; a round passes it only by the pages above the moved ones.
        assertThat(writtenAfterTheRounds - writtenByTheDatabase).isLessThan(2 * DataSize.ofMegabytes(4).toBytes());
        assertThat(writtenBytes(jdbc)).isEqualTo(writtenAfterTheRounds);
        assertThat(idleRounds() - idleBefore).isEqualTo(20);
    }

    @Test
    void eachByteWrittenEarnsWhatKeepingTheTargetFillRateTakes() {
        long bound = DataSize.ofMegabytes(4).toBytes();

        assertThat(H2StoreCompaction.credit(1_000, 90, bound)).isEqualTo(9_000);
        assertThat(H2StoreCompaction.credit(1_000, 50, bound)).isEqualTo(1_000);
        assertThat(H2StoreCompaction.credit(0, 90, bound)).isZero();
        assertThat(H2StoreCompaction.credit(1, 100, bound)).isEqualTo(bound);
        assertThat(H2StoreCompaction.credit(bound, 90, bound)).isEqualTo(bound);
    }

    @Test
    void theFileIsShownAsItIs() {
        JdbcTemplate jdbc = new JdbcTemplate(h2File("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0"));
        compaction = start(EVERY_10_MS);
        jdbc.execute("create table t (id varchar(36) primary key)");
        compaction.stop();

        assertThat(registry.get("reftab.db.h2.file.size").gauge().value()).isEqualTo((double) fileSize(jdbc));
        assertThat(registry.get("reftab.db.h2.chunks.live").gauge().value()).isBetween(1.0, 100.0);
    }

    @Test
    void aDatabaseClosedAndOpenedAgainIsKeptFromThenOn() {
        JdbcTemplate jdbc = new JdbcTemplate(h2File("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0;RETENTION_TIME=0"));
        compaction = start(new H2CompactionSettings(Duration.ofHours(1), 90, DataSize.ofMegabytes(4)));
        jdbc.execute("create table t (id varchar(36) primary key, v varchar(300))");
        jdbc.execute("shutdown");
        dataSource.getHikariPoolMXBean().softEvictConnections();
        for (int i = 0; i < 2_000; i++) {
            jdbc.update("insert into t values (?, ?)", UUID.randomUUID().toString(), "x".repeat(300));
        }

        assertThat(compaction.compactOnce()).isTrue();
        assertThat(registry.get("reftab.db.h2.file.size").gauge().value()).isEqualTo((double) fileSize(jdbc));
        assertThat(registry.get("reftab.db.h2.compaction.rounds").tag("outcome", "failed").counter().count()).isZero();
    }

    @Test
    void anIntervalOfZeroTurnsItOff() {
        h2File("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0");
        compaction = start(new H2CompactionSettings(Duration.ZERO, 90, DataSize.ofMegabytes(4)));

        assertThat(compaction.isRunning()).isFalse();
        assertThat(compaction.compactOnce()).isFalse();
    }

    @Test
    void anInMemoryDatabaseHasNoFileToKeep() {
        h2File("jdbc:h2:mem:compaction;DB_CLOSE_DELAY=-1");
        compaction = start(EVERY_10_MS);

        assertThat(compaction.isRunning()).isFalse();
        assertThat(registry.find("reftab.db.h2.file.size").gauge()).isNull();
    }

    private HikariDataSource h2File(String url) {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setMaximumPoolSize(2);
        // One connection made at start: none opened in the background on a database being shut down.
        dataSource.setMinimumIdle(1);
        return dataSource;
    }

    private H2StoreCompaction start(H2CompactionSettings settings) {
        H2StoreCompaction started = new H2StoreCompaction(dataSource, settings, registry);
        started.start();
        return started;
    }

    private double idleRounds() {
        return registry.get("reftab.db.h2.compaction.rounds").tag("outcome", "idle").counter().count();
    }

    /** Rows of about 400 bytes under random keys, one commit each, into a table with a second index. */
    private static void insertRandomKeys(JdbcTemplate jdbc, int rows) {
        jdbc.execute("create table t (id varchar(36) primary key, k varchar(36), v varchar(300))");
        jdbc.execute("create index t_k on t (k)");
        for (int i = 0; i < rows; i++) {
            jdbc.update("insert into t values (?, ?, ?)", UUID.randomUUID().toString(), UUID.randomUUID().toString(), "x".repeat(300));
        }
    }

    private static long writtenBytes(JdbcTemplate jdbc) {
        return Long.parseLong(jdbc.queryForObject(
                "select setting_value from information_schema.settings where setting_name = 'info.FILE_WRITE_BYTES'", String.class));
    }

    private static long fileSize(JdbcTemplate jdbc) {
        return Long.parseLong(jdbc.queryForObject(
                "select setting_value from information_schema.settings where setting_name = 'info.FILE_SIZE'", String.class));
    }
}
