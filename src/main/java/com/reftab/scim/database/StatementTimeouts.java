package com.reftab.scim.database;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jdbc.JdbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring Boot's JdbcTemplate, built as its auto-configuration builds it, except for how statements
 * are bounded on H2. Spring sets {@code spring.jdbc.template.query-timeout}, or inside a request's
 * transaction what is left of its time, on every statement. H2 runs a statement's timeout as a
 * {@code SET QUERY_TIMEOUT} of its session, and every SET makes every session parse all its
 * statements again: H2 parsed every statement it ran, 18% of a {@code GET /Users/{id}}
 * (docs/benchmarks.md). A session-wide timeout instead cancels healthy statements (H2 checks the
 * deadline of a session's previous statement before the next one has set its own). So on H2 a
 * watchdog cancels a statement still running at the same bound, and a transaction's deadline is
 * checked before each of its statements. PostgreSQL gets the timeouts as Spring sets them.
 */
@Configuration(proxyBeanMethods = false)
class StatementTimeouts {

    @Bean
    @Primary
    JdbcTemplate jdbcTemplate(DataSource dataSource, JdbcProperties properties,
                              ObjectProvider<SQLExceptionTranslator> translator) {
        JdbcProperties.Template settings = properties.getTemplate();
        int queryTimeoutSeconds = settings.getQueryTimeout() == null ? -1 : (int) settings.getQueryTimeout().toSeconds();
        JdbcTemplate template = isH2(dataSource) ? new WatchedOnH2(dataSource) : new JdbcTemplate(dataSource);
        template.setIgnoreWarnings(settings.isIgnoreWarnings());
        template.setFetchSize(settings.getFetchSize());
        template.setMaxRows(settings.getMaxRows());
        template.setQueryTimeout(queryTimeoutSeconds);
        template.setSkipResultsProcessing(settings.isSkipResultsProcessing());
        template.setSkipUndeclaredResults(settings.isSkipUndeclaredResults());
        template.setResultsMapCaseInsensitive(settings.isResultsMapCaseInsensitive());
        translator.ifUnique(template::setExceptionTranslator);
        return template;
    }

    static boolean isH2(DataSource dataSource) {
        return dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                && hikari.getJdbcUrl().startsWith("jdbc:h2:");
    }

    /**
     * Gives no statement a timeout; cancels one still running at its bound instead, from a thread
     * of its own, and checks a transaction's deadline before each statement as Spring does.
     *
     * <p>H2 cancels by marking the running command, and clears the mark only where it looks for
     * it, every 128 rows. A command cancelled where H2 does not look (waiting for a lock, reading
     * few rows) ends normally and stays marked in its session's cache of parsed statements: the
     * next run of the same statement on that connection, perhaps another request's, failed. So
     * when a statement ends normally after its watchdog cancelled it, the cache is dropped: any
     * SET makes H2 parse every session's statements again, and {@code SET QUERY_TIMEOUT 0} leaves
     * the session's timeout as it is. That costs every session its parsed statements once, and
     * only after a statement ran to its bound. (A callback that throws past Spring's handling
     * skips this; none here does.)
     */
    static final class WatchedOnH2 extends JdbcTemplate {

        private static final Logger LOG = LoggerFactory.getLogger(WatchedOnH2.class);

        private static final ScheduledThreadPoolExecutor WATCHDOG = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "reftab-statement-watchdog");
            thread.setDaemon(true);
            return thread;
        });

        static {
            // Most statements end long before their bound: their alarms leave the queue at once.
            WATCHDOG.setRemoveOnCancelPolicy(true);
        }

        /** Each statement being watched, until Spring has handled its end (handleWarnings). */
        private final Map<Statement, Watch> running = new ConcurrentHashMap<>();

        WatchedOnH2(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void applyStatementSettings(Statement statement) throws SQLException {
            if (getFetchSize() != -1) {
                statement.setFetchSize(getFetchSize());
            }
            if (getMaxRows() != -1) {
                statement.setMaxRows(getMaxRows());
            }
            int bound = getQueryTimeout();
            if (TransactionSynchronizationManager.getResource(obtainDataSource()) instanceof ConnectionHolder transaction
                    && transaction.hasTimeout()) {
                // Throws once the deadline has passed (and marks the transaction rollback-only), as Spring's own check.
                bound = transaction.getTimeToLiveInSeconds();
            }
            if (bound > 0) {
                Watch watch = new Watch();
                running.put(statement, watch);
                watch.alarm = WATCHDOG.schedule(() -> alarm(statement, watch), bound, TimeUnit.SECONDS);
            }
        }

        /**
         * A statement that failed leaves no mark: H2 clears it as it throws the cancel, and a
         * statement cancelled while it waited for a lock, then failed by H2's lock timeout, ran
         * cleanly the next time.
         */
        @Override
        protected void handleWarnings(Statement statement, SQLException failure) {
            Watch watch = running.remove(statement);
            if (watch != null) {
                watch.end();
            }
            super.handleWarnings(statement, failure);
        }

        /** A statement that ended normally (Spring also calls this from the method above, by then unwatched). */
        @Override
        protected void handleWarnings(Statement statement) throws SQLException {
            Watch watch = running.remove(statement);
            if (watch != null && watch.end()) {
                dropParsedStatements(statement);
            }
            super.handleWarnings(statement);
        }

        private void alarm(Statement statement, Watch watch) {
            if (!running.containsKey(statement)) {
                return;
            }
            if (isClosed(statement)) {
                // Ended without Spring handling it (closed by its owner): nothing left to watch.
                running.remove(statement, watch);
            } else if (watch.cancel(statement)) {
                // Looked at again until Spring has handled its end or it is closed.
                watch.alarm = WATCHDOG.schedule(() -> alarm(statement, watch), 1, TimeUnit.SECONDS);
            }
        }

        private static boolean isClosed(Statement statement) {
            try {
                return statement.isClosed();
            } catch (SQLException e) {
                return true;
            }
        }

        /** Never fails the statement it follows: a connection that cannot take it is failing anyway. */
        private static void dropParsedStatements(Statement statement) {
            try (Statement set = statement.getConnection().createStatement()) {
                set.execute("set query_timeout 0");
            } catch (SQLException e) {
                LOG.warn("Could not make H2 parse its statements again after a cancel: {}", e.getMessage());
            }
        }

        /** Whether a statement has ended and whether its watchdog cancelled it before, decided one at a time. */
        private static final class Watch {

            private volatile ScheduledFuture<?> alarm;
            private boolean ended;
            private boolean cancelled;

            /**
             * Cancels the statement unless it has ended; false if it has. Again at every look: H2
             * cancels only while the statement executes, not between the runs of one prepared
             * statement (one per id of a lookup).
             */
            synchronized boolean cancel(Statement statement) {
                if (ended) {
                    return false;
                }
                cancelled = true;
                try {
                    statement.cancel();
                } catch (SQLException closedMeanwhile) {
                    // It ended as it was cancelled; the next look finds it closed.
                }
                return true;
            }

            /** Notes that the statement ended; true if its watchdog had cancelled it by then. */
            synchronized boolean end() {
                ended = true;
                alarm.cancel(false);
                return cancelled;
            }
        }
    }
}
