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
     * <p>H2 cancels a session, not a statement: a cancel that arrives as the statement ends is kept
     * for the session's next statement, which may be another request's once the connection is back
     * in the pool, and fails the first statement there that reads enough rows for H2 to look. So a
     * statement that ends normally after its watchdog fired clears that cancel.
     */
    static final class WatchedOnH2 extends JdbcTemplate {

        private static final ScheduledThreadPoolExecutor WATCHDOG = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "reftab-statement-watchdog");
            thread.setDaemon(true);
            return thread;
        });

        static {
            // Most statements end long before their bound: their alarms leave the queue at once.
            WATCHDOG.setRemoveOnCancelPolicy(true);
        }

        /** Each statement being watched; one whose alarm went off stays until it has ended. */
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

        /** Called once the statement has run normally; a failed one never comes here. */
        @Override
        protected void handleWarnings(Statement statement) throws SQLException {
            Watch watch = running.remove(statement);
            if (watch != null && watch.finish()) {
                clearPendingCancel(statement);
            }
            super.handleWarnings(statement);
        }

        /** The watchdog's alarm for a statement, as if it had gone off now (for tests). */
        void alarmNow(Statement statement) {
            alarm(statement, running.get(statement));
        }

        private void alarm(Statement statement, Watch watch) {
            if (isClosed(statement)) {
                // It failed (a cancelled statement fails) and was closed: nothing left to watch.
                running.remove(statement, watch);
            } else if (watch.cancel(statement)) {
                // Looked at again until it has ended: normally (handleWarnings), or failed and closed.
                WATCHDOG.schedule(() -> alarm(statement, watch), 1, TimeUnit.SECONDS);
            }
        }

        private static boolean isClosed(Statement statement) {
            try {
                return statement.isClosed();
            } catch (SQLException e) {
                return true;
            }
        }

        /**
         * Clears the cancel H2 kept on the session: setting its query timeout does, and 0 is what it
         * is already. A statement that would merely run does not: H2 checks for a cancel only
         * every so many rows. This costs the session its parsed statements, once, and only when
         * a cancel came as its statement ended.
         */
        private static void clearPendingCancel(Statement statement) {
            try (Statement clear = statement.getConnection().createStatement()) {
                clear.execute("set query_timeout 0");
            } catch (SQLException cancelled) {
                // H2 cleared the cancel as it threw it.
            }
        }

        /** Whether a statement has ended and whether its watchdog cancelled it, decided one at a time. */
        private static final class Watch {

            private volatile ScheduledFuture<?> alarm;
            private boolean finished;
            private boolean cancelled;

            /** Cancels the statement unless it has ended normally; false if it has. */
            synchronized boolean cancel(Statement statement) {
                if (finished) {
                    return false;
                }
                if (!cancelled) {
                    cancelled = true;
                    try {
                        statement.cancel();
                    } catch (SQLException closedMeanwhile) {
                        // It ended as it was cancelled; the next look finds it closed.
                    }
                }
                return true;
            }

            /** Notes that the statement ended normally; true if the watchdog had cancelled it by then. */
            synchronized boolean finish() {
                finished = true;
                ScheduledFuture<?> pending = alarm;
                if (pending != null) {
                    pending.cancel(false);
                }
                return cancelled;
            }
        }
    }
}
