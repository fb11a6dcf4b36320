package com.reftab.scim.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.jdbc.JdbcProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.support.TransactionTemplate;

class StatementTimeoutsTest {

    private final HikariDataSource h2 = new HikariDataSource();

    StatementTimeoutsTest() {
        h2.setJdbcUrl("jdbc:h2:mem:statement-timeouts;DB_CLOSE_DELAY=-1");
        // One connection, so the statement below and the check run on the same H2 session.
        h2.setMaximumPoolSize(1);
    }

    @AfterEach
    void close() {
        h2.close();
    }

    private static JdbcTemplate template(DataSource dataSource, Duration queryTimeout) {
        JdbcProperties properties = new JdbcProperties();
        properties.getTemplate().setQueryTimeout(queryTimeout);
        return new StatementTimeouts().jdbcTemplate(dataSource, properties, new StaticListableBeanFactory().getBeanProvider(SQLExceptionTranslator.class));
    }

    /** Billions of rows: it runs far longer than any bound below unless it is cancelled. */
    private static final String ENDLESS = "select sum(x) from system_range(1, 4000000000)";

    @Test
    void onH2AStatementLeavesItsSessionWithoutATimeoutSoH2KeepsItsParsedStatements() {
        JdbcTemplate jdbc = template(h2, Duration.ofSeconds(4));

        jdbc.queryForObject("select 1", Integer.class);

        // H2 keeps a statement's timeout on its session (SET QUERY_TIMEOUT), which is what made it parse every statement again.
        assertThat(jdbc.execute((ConnectionCallback<Integer>) connection -> connection.createStatement().getQueryTimeout()))
                .isZero();
    }

    @Test
    void everyOtherDatabaseGetsSpringsTimeoutOnEachStatement() {
        DriverManagerDataSource other = new DriverManagerDataSource(
                "jdbc:postgresql://localhost/never-connected");

        JdbcTemplate jdbc = template(other, Duration.ofSeconds(4));

        assertThat(jdbc.getClass()).isEqualTo(JdbcTemplate.class);
        assertThat(jdbc.getQueryTimeout()).isEqualTo(4);
    }

    @Test
    void onH2AStatementStillRunningAtItsBoundIsCancelled() {
        JdbcTemplate jdbc = template(h2, Duration.ofSeconds(1));
        long started = System.nanoTime();

        // Uncancelled, the statement runs for minutes: fail at the bound instead of waiting for it.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> jdbc.queryForObject(ENDLESS, Long.class))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("cancel"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void onH2AStatementStillRunningAtItsTransactionsDeadlineIsCancelled() {
        JdbcTemplate jdbc = template(h2, Duration.ofSeconds(30));
        TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(h2));
        transaction.setTimeout(1);
        long started = System.nanoTime();

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() ->
                transaction.executeWithoutResult(status -> jdbc.queryForObject(ENDLESS, Long.class)))
                .isInstanceOf(DataAccessException.class));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void onH2AStatementCancelledWhereH2DoesNotLookLeavesNoMarkForItsNextRun() {
        JdbcTemplate jdbc = template(h2, Duration.ofSeconds(1));
        jdbc.execute("create alias if not exists pause for '" + Pause.class.getName() + ".pause'");
        String rowsAfterAPause = "select count(*) from system_range(1, ?) where pause(?) is null";

        // Cancelled in its pause, past the bound: H2 looks for a cancel every 128 rows, so one row ends it normally.
        assertThat(jdbc.queryForObject(rowsAfterAPause, Long.class, 1, 1_500)).isEqualTo(1);

        // The same statement again on the pool's one connection, where the mark left on it would fail it at row 128.
        assertThat(jdbc.queryForObject(rowsAfterAPause, Long.class, 1_000, 0)).isEqualTo(1_000);
    }

    @Test
    void onH2AStatementRunOncePerIdIsCancelledInTheRunAfterItsBoundPassedBetweenRuns() {
        JdbcTemplate jdbc = template(h2, Duration.ofSeconds(1));
        jdbc.execute("create alias if not exists pause for '" + Pause.class.getName() + ".pause'");

        // As an id lookup runs one prepared statement per id: the bound passes between two runs,
        // where H2 takes no cancel; the next run (1,000 rows of 10 ms) must not run to its end.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> jdbc.execute(
                "select count(*) from system_range(1, ?) where pause(?) is null", (PreparedStatementCallback<Long>) prepared -> {
                    prepared.setLong(1, 1);
                    prepared.setLong(2, 0);
                    prepared.executeQuery().close();
                    Pause.pause(1_500);
                    prepared.setLong(1, 1_000);
                    prepared.setLong(2, 10);
                    prepared.executeQuery().close();
                    return null;
                })).isInstanceOf(DataAccessException.class).hasMessageContaining("cancel"));
    }

    /** What the statements above call: Thread.sleep itself is two methods to H2 on later JDKs. */
    public static final class Pause {

        private Pause() {
        }

        public static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
